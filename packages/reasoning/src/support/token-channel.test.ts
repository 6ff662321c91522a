import { describe, expect, it } from 'vitest';
import { TokenChannel } from './token-channel';

async function drain(channel: TokenChannel): Promise<string[]> {
  const tokens: string[] = [];
  for await (const token of channel) tokens.push(token);
  return tokens;
}

describe('TokenChannel', () => {
  it('hands tokens pushed before iteration to the consumer in order, then ends', async () => {
    const channel = new TokenChannel();
    channel.push('Paris');
    channel.push(' is');
    channel.end();
    expect(await drain(channel)).toEqual(['Paris', ' is']);
  });

  it('delivers a token pushed while the consumer waits, and ends a waiting consumer', async () => {
    const channel = new TokenChannel();
    const iterator = channel[Symbol.asyncIterator]();
    const first = iterator.next();
    channel.push('a');
    expect(await first).toEqual({ value: 'a', done: false });
    const second = iterator.next();
    channel.end();
    expect(await second).toEqual({ value: undefined, done: true });
  });

  it('keeps the empty token, which is not the end of the stream', async () => {
    const channel = new TokenChannel();
    channel.push('');
    channel.push('x');
    channel.end();
    expect(await drain(channel)).toEqual(['', 'x']);
  });

  it('ignores tokens pushed after the end', async () => {
    const channel = new TokenChannel();
    channel.push('kept');
    channel.end();
    channel.push('late');
    expect(await drain(channel)).toEqual(['kept']);
  });

  it('rejects a waiting consumer with the failure', async () => {
    const channel = new TokenChannel();
    const next = channel[Symbol.asyncIterator]().next();
    channel.fail(new Error('model crashed'));
    await expect(next).rejects.toThrow('model crashed');
  });

  it('hands buffered tokens first, then rejects with the failure', async () => {
    const channel = new TokenChannel();
    const seen: string[] = [];
    channel.push('partial');
    channel.fail(new Error('stopped'));
    await expect(
      (async () => {
        for await (const token of channel) seen.push(token);
      })(),
    ).rejects.toThrow('stopped');
    expect(seen).toEqual(['partial']);
  });

  it('rejects even when the failure is a falsy value', async () => {
    const channel = new TokenChannel();
    channel.fail(undefined);
    await expect(channel[Symbol.asyncIterator]().next()).rejects.toBeUndefined();
  });

  it('keeps the first outcome: a failure after the end, or a second failure, changes nothing', async () => {
    const ended = new TokenChannel();
    ended.end();
    ended.fail(new Error('late'));
    expect(await drain(ended)).toEqual([]);

    const failed = new TokenChannel();
    failed.fail(new Error('first'));
    failed.fail(new Error('second'));
    await expect(drain(failed)).rejects.toThrow('first');
  });
});
