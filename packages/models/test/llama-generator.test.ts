import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenerator, LlamaGenerator, writeTinyLlamaGguf } from '../src/index';

let dir: string;
let generator: LlamaGenerator;

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-gen-'));
  const modelPath = join(dir, 'tiny-llama.gguf');
  await writeTinyLlamaGguf(modelPath);
  const g = await createGenerator({
    env: { RUSTYGPT_CHAT_MODEL: modelPath, RUSTYGPT_GPU: 'cpu' },
    threads: 2,
    contextSize: 512,
    temperature: 0,
  });
  if (!g) throw new Error('expected a generator');
  generator = g;
});
afterAll(async () => {
  await generator.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('LlamaGenerator on a tiny random-weight llama GGUF', () => {
  it('returns null when no chat model is configured', async () => {
    await expect(createGenerator({ env: {} })).resolves.toBeNull();
  });

  it('streams text chunks and stops at maxTokens', async () => {
    expect(generator.modelName).toBe('tiny-llama');
    const short = await collect(generator.stream('What is the capital of France?', { maxTokens: 4 }));
    const long = await collect(generator.stream('What is the capital of France?', { maxTokens: 16 }));
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThanOrEqual(4);
    expect(long.length).toBeGreaterThan(short.length);
    expect(long.length).toBeLessThanOrEqual(16);
    // Greedy decoding: the longer answer continues the shorter one.
    expect(long.join('').startsWith(short.join(''))).toBe(true);
  });

  it('stops with CANCELLED when the signal fires mid-stream', async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const chunk of generator.stream('Tell me about iron.', {
        maxTokens: 400,
        signal: ac.signal,
      })) {
        seen.push(chunk);
        if (seen.length === 3) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.length).toBeLessThan(10);
  });

  it('stops generating when the reader leaves early, and stays usable', async () => {
    for await (const chunk of generator.stream('Hello there', { maxTokens: 400 })) {
      expect(typeof chunk).toBe('string');
      break;
    }
    const next = await collect(generator.stream('Hello again', { maxTokens: 3 }));
    expect(next.length).toBeGreaterThan(0);
  });
});
