import type { GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult, SubscribePayload } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubSessionStorage } from '../../test/support/session-storage';
import { followMessageStream, type StreamFollower, type StreamSocket } from './stream-follower';
import { streamText, type StreamEvent, type StreamState } from './stream-state';
import { followStream, hasUnfinishedStream, loadStreamState, saveStreamState } from './stream-storage';

type Result = FormattedExecutionResult<{ messageStream: StreamEvent }>;

/** One thing the server does on a subscription, in order. */
type Step =
  | { kind: 'result'; result: Result }
  | { kind: 'drop' } // the socket closes: graphql-ws rejects with the close event
  | { kind: 'fail'; errors: GraphQLFormattedError[] } // graphql-ws rejects with the error list
  | { kind: 'hang' }; // nothing more until the client unsubscribes

const token = (index: number, content: string): Step => ({
  kind: 'result',
  result: { data: { messageStream: { __typename: 'TokenEvent', index, content, seq: index + 1 } } },
});
const control = (type: 'THINKING' | 'COMPLETE' | 'INTERRUPTED' | 'ERROR'): Step => ({
  kind: 'result',
  result: { data: { messageStream: { __typename: 'ControlEvent', type, seq: 0 } } },
});
const drop: Step = { kind: 'drop' };
const hang: Step = { kind: 'hang' };

/** A subscription that plays its steps, then completes; unsubscribing ends it as graphql-ws does. */
class ScriptedSubscription implements AsyncIterableIterator<Result> {
  closed = false;
  private pending: ((result: IteratorResult<Result>) => void) | null = null;

  constructor(private readonly steps: Step[]) {}

  async next(): Promise<IteratorResult<Result>> {
    const step = this.closed ? undefined : this.steps.shift();
    if (!step) {
      this.closed = true;
      return { done: true, value: undefined };
    }
    switch (step.kind) {
      case 'result':
        return { done: false, value: step.result };
      case 'hang':
        return new Promise((resolve) => (this.pending = resolve));
      case 'drop':
        this.closed = true;
        throw new Error('socket closed (1006)');
      case 'fail':
        this.closed = true;
        throw step.errors;
    }
  }

  async return(): Promise<IteratorResult<Result>> {
    this.closed = true;
    this.pending?.({ done: true, value: undefined });
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** The API's socket, playing one scripted subscription per (re)subscribe; then it hangs. */
class ScriptedSocket implements StreamSocket {
  readonly subscribed: { payload: SubscribePayload; subscription: ScriptedSubscription }[] = [];

  constructor(private readonly connections: Step[][]) {}

  iterate<Data, Extensions>(
    payload: SubscribePayload,
  ): AsyncIterableIterator<FormattedExecutionResult<Data, Extensions>> {
    const subscription = new ScriptedSubscription(this.connections.shift() ?? [hang]);
    this.subscribed.push({ payload, subscription });
    return subscription as unknown as AsyncIterableIterator<FormattedExecutionResult<Data, Extensions>>;
  }

  /** The `after` argument of each subscription, in order. */
  get afters(): unknown[] {
    return this.subscribed.map((s) => s.payload.variables?.after);
  }
}

/** Follows `m1` on a scripted socket, recording the states, the end and the retry delays. */
function follow(connections: Step[][], messageId = 'm1') {
  const socket = new ScriptedSocket(connections);
  const states: StreamState[] = [];
  const ended: StreamState[] = [];
  const delays: number[] = [];
  const follower: StreamFollower = followMessageStream({
    socket,
    messageId,
    onState: (state) => states.push(state),
    onEnd: (state) => ended.push(state),
    wait: async (ms) => {
      delays.push(ms);
    },
  });
  return { socket, states, ended, delays, follower, last: () => states.at(-1)! };
}

/** Lets the follower run until it waits on a hanging subscription. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => stubSessionStorage());
afterEach(() => vi.unstubAllGlobals());

describe('followMessageStream', () => {
  it('shows thinking, then the text as it streams, and ends once on COMPLETE', async () => {
    const run = follow([[control('THINKING'), token(0, 'Mars '), token(1, 'is red'), control('COMPLETE')]]);
    await run.follower.done;
    expect(run.states.map((s) => [s.phase, streamText(s)])).toEqual([
      ['connecting', ''],
      ['thinking', ''],
      ['streaming', 'Mars '],
      ['streaming', 'Mars is red'],
      ['complete', 'Mars is red'],
    ]);
    expect(run.ended).toEqual([run.last()]);
    expect(run.socket.afters).toEqual([null]);
    expect(run.socket.subscribed[0]!.payload.query).toContain('subscription MessageStream');
    expect(run.socket.subscribed[0]!.payload.variables?.messageId).toBe('m1');
    expect(hasUnfinishedStream('m1')).toBe(false);
  });

  it('keeps the tokens received so far, so a reload can resume', async () => {
    const run = follow([[token(0, 'a'), token(1, 'b'), hang]]);
    await settle();
    expect(streamText(loadStreamState('m1'))).toBe('ab');
    run.follower.halt();
    await run.follower.done;
  });

  it('resumes a reloaded stream after the last token it saw, without repeating text', async () => {
    followStream('m1');
    saveStreamState('m1', { ...loadStreamState('m1'), tokens: { 0: 'Mars ', 1: 'is ' }, lastIndex: 1 });
    const run = follow([[token(1, 'is '), token(2, 'red'), control('COMPLETE')]]);
    expect(streamText(run.states[0]!)).toBe('Mars is ');
    await run.follower.done;
    expect(run.socket.afters).toEqual([1]);
    expect(streamText(run.last())).toBe('Mars is red');
  });

  it('resubscribes after a dropped socket from the last token seen, backing off while nothing arrives', async () => {
    const run = follow([[token(0, 'a'), drop], [drop], [drop], [token(1, 'b'), control('COMPLETE')]]);
    await run.follower.done;
    expect(run.socket.afters).toEqual([null, 0, 0, 0]);
    expect(run.delays).toEqual([250, 500, 1_000]);
    expect(streamText(run.last())).toBe('ab');
    expect(run.ended).toHaveLength(1);
  });

  it('waits at most four seconds between attempts, and starts over once an event arrives', async () => {
    const run = follow([
      ...Array.from({ length: 7 }, () => [drop]),
      [token(0, 'a'), drop],
      [control('COMPLETE')],
    ]);
    await run.follower.done;
    expect(run.delays).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 250]);
    expect(run.last().phase).toBe('complete');
  });

  it('waits on a timer before reconnecting when no wait is given', async () => {
    const socket = new ScriptedSocket([[drop], [token(0, 'back'), control('COMPLETE')]]);
    const ended: StreamState[] = [];
    const follower = followMessageStream({
      socket,
      messageId: 'm1',
      onState: () => undefined,
      onEnd: (state) => ended.push(state),
    });
    await follower.done;
    expect(socket.subscribed).toHaveLength(2);
    expect(streamText(ended[0]!)).toBe('back');
  });

  it('treats a subscription the server ends without a terminal event as a complete answer', async () => {
    const run = follow([[token(0, 'done')]]);
    await run.follower.done;
    expect(run.last()).toMatchObject({ phase: 'complete' });
    expect(run.ended).toHaveLength(1);
    expect(hasUnfinishedStream('m1')).toBe(false);
  });

  it('ends with the code of a GraphQL error list and does not retry', async () => {
    const run = follow([
      [{ kind: 'fail', errors: [{ message: 'not yours', extensions: { code: 'FORBIDDEN' } }] }],
    ]);
    await run.follower.done;
    expect(run.last()).toMatchObject({
      phase: 'error',
      error: { code: 'FORBIDDEN', message: 'not yours', retryInMs: null },
    });
    expect(run.socket.subscribed).toHaveLength(1);
    expect(run.ended).toEqual([run.last()]);
  });

  it('reports an empty or code-less error list as INTERNAL', async () => {
    const run = follow([[{ kind: 'fail', errors: [] }]]);
    await run.follower.done;
    expect(run.last().error).toEqual({ code: 'INTERNAL', message: '', retryInMs: null });
  });

  it('ends on an execution error delivered as a result, keeping the text so far', async () => {
    const run = follow([
      [
        token(0, 'partial'),
        { kind: 'result', result: { errors: [{ message: 'boom', extensions: { code: 'UNAVAILABLE' } }] } },
      ],
    ]);
    await run.follower.done;
    expect(run.last()).toMatchObject({ phase: 'error', error: { code: 'UNAVAILABLE', message: 'boom' } });
    expect(streamText(run.last())).toBe('partial');
    expect(run.ended).toHaveLength(1);
  });

  it('calls a result error without code INTERNAL', async () => {
    const run = follow([[{ kind: 'result', result: { errors: [{ message: 'oops' }] } }]]);
    await run.follower.done;
    expect(run.last().error).toEqual({ code: 'INTERNAL', message: 'oops', retryInMs: null });
  });

  it('ignores results that carry no event', async () => {
    const run = follow([[{ kind: 'result', result: { data: null } }, token(0, 'x'), control('COMPLETE')]]);
    await run.follower.done;
    expect(run.states.map((s) => s.phase)).toEqual(['connecting', 'connecting', 'streaming', 'complete']);
  });

  it('stop freezes the text as interrupted, unsubscribes and forgets the stream', async () => {
    const run = follow([[token(0, 'half'), hang]]);
    await settle();
    run.follower.stop();
    await run.follower.done;
    expect(run.last()).toMatchObject({ phase: 'interrupted' });
    expect(streamText(run.last())).toBe('half');
    expect(run.socket.subscribed[0]!.subscription.closed).toBe(true);
    expect(hasUnfinishedStream('m1')).toBe(false);
    expect(run.ended).toEqual([]);
  });

  it('halt unsubscribes quietly and keeps the saved tokens for the next mount', async () => {
    const run = follow([[token(0, 'half'), hang]]);
    await settle();
    const seen = run.states.length;
    run.follower.halt();
    await run.follower.done;
    expect(run.states).toHaveLength(seen);
    expect(run.socket.subscribed).toHaveLength(1);
    expect(run.socket.subscribed[0]!.subscription.closed).toBe(true);
    expect(streamText(loadStreamState('m1'))).toBe('half');
    expect(run.ended).toEqual([]);
  });

  it('does not resubscribe when halted while waiting to reconnect', async () => {
    const socket = new ScriptedSocket([[drop]]);
    let release: () => void = () => undefined;
    const follower = followMessageStream({
      socket,
      messageId: 'm1',
      onState: () => undefined,
      onEnd: () => undefined,
      wait: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await settle();
    follower.halt();
    release();
    await follower.done;
    expect(socket.subscribed).toHaveLength(1);
  });
});
