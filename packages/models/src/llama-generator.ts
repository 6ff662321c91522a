/**
 * Generator over a GGUF chat model through node-llama-cpp: each `stream()` gets its own
 * context sequence and chat session (the model's chat template, or a generic one), streams
 * text chunks as an async iterable, stops at `maxTokens`, and stops promptly on abort.
 */
import { basename } from 'node:path';
import { LlamaChatSession, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { CancelledError, throwIfAborted, UnavailableError, type Generator } from '@rustygpt/core';
import { backendName, gpuSettingFromEnv, llamaRuntime, type GpuSetting } from './llama-runtime';
import { Semaphore } from './semaphore';

/** Short on purpose: the reasoning engine puts the grounding context in the prompt itself. */
export const DEFAULT_SYSTEM_PROMPT = 'Answer from the given context only. Be concise and cite sources.';

/** Options of {@link LlamaGenerator.load}. */
export interface LlamaGeneratorOptions {
  /** Path of the GGUF chat model. */
  modelPath: string;
  /** GPU use (default from RUSTYGPT_GPU). */
  gpu?: GpuSetting;
  /** Threads for generation (default: the runtime's math cores). */
  threads?: number;
  /** Context size in tokens (default: min(4096, the model's training context)). */
  contextSize?: number;
  /** Streams that can run at once (context sequences; default 1). */
  parallel?: number;
  /** Sampling temperature (default 0.2; 0 = greedy, deterministic). */
  temperature?: number;
  /** Default cap on generated tokens (default 512). */
  maxTokens?: number;
  /** System prompt of every chat session (default {@link DEFAULT_SYSTEM_PROMPT}). */
  systemPrompt?: string;
  /** Aborts loading. */
  signal?: AbortSignal;
}

/** Pushes values from callbacks to an async iterator (bounded only by the producer). */
class ChunkQueue {
  private readonly items: string[] = [];
  private waiting: (() => void) | null = null;
  private finished = false;
  private failure: unknown = null;

  push(item: string): void {
    this.items.push(item);
    this.wake();
  }
  end(error?: unknown): void {
    this.finished = true;
    if (error !== undefined) this.failure = error;
    this.wake();
  }
  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
  async *drain(): AsyncGenerator<string> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.finished) {
        if (this.failure !== null) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }
}

/**
 * The {@link Generator} over a GGUF chat model through node-llama-cpp; create it with
 * {@link LlamaGenerator.load}. Up to `parallel` streams run at once, later ones wait their turn.
 */
export class LlamaGenerator implements Generator {
  readonly modelName: string;
  readonly backend: string;
  readonly threads: number;
  private readonly slots: Semaphore;

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly options: LlamaGeneratorOptions,
    info: { backend: string; threads: number; parallel: number },
  ) {
    this.modelName = basename(options.modelPath).replace(/\.gguf$/i, '');
    this.backend = info.backend;
    this.threads = info.threads;
    this.slots = new Semaphore(info.parallel);
  }

  /**
   * Loads a chat model.
   * @throws UnavailableError (`UNAVAILABLE`) when it cannot be loaded; CancelledError
   * (`CANCELLED`) when `signal` fires.
   */
  static async load(options: LlamaGeneratorOptions): Promise<LlamaGenerator> {
    const llama = await llamaRuntime(options.gpu ?? gpuSettingFromEnv());
    const threads = options.threads ?? Math.max(1, llama.cpuMathCores);
    const parallel = Math.max(1, options.parallel ?? 1);
    let model: LlamaModel | undefined;
    try {
      model = await llama.loadModel({ modelPath: options.modelPath, loadSignal: options.signal });
      const contextSize = Math.min(model.trainContextSize || 4096, options.contextSize ?? 4096);
      const context = await model.createContext({
        contextSize,
        sequences: parallel,
        threads,
        createSignal: options.signal,
      });
      return new LlamaGenerator(model, context, options, { backend: backendName(llama), threads, parallel });
    } catch (error) {
      await model?.dispose();
      throwIfAborted(options.signal);
      throw new UnavailableError(
        `cannot load chat model ${options.modelPath}: ${error instanceof Error ? error.message : String(error)}`,
        { modelPath: options.modelPath },
        { cause: error },
      );
    }
  }

  /**
   * Streams the answer to `prompt` as text chunks (one or more tokens each, valid UTF-8).
   * Generation starts on the first read; leaving the loop early stops it.
   * @throws CancelledError (`CANCELLED`) when `signal` fires.
   */
  async *stream(
    prompt: string,
    options: { signal?: AbortSignal; maxTokens?: number } = {},
  ): AsyncGenerator<string> {
    const outer = options.signal;
    throwIfAborted(outer);
    const maxTokens = options.maxTokens ?? this.options.maxTokens ?? 512;
    const inner = new AbortController();
    const onAbort = (): void => inner.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    const queue = new ChunkQueue();
    const run = this.slots.run(async () => {
      throwIfAborted(inner.signal);
      const sequence = this.context.getSequence();
      const session = new LlamaChatSession({
        contextSequence: sequence,
        systemPrompt: this.options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT,
        autoDisposeSequence: false,
      });
      try {
        await session.prompt(prompt, {
          maxTokens,
          signal: inner.signal,
          temperature: this.options.temperature ?? 0.2,
          onTextChunk: (chunk) => {
            if (chunk !== '') queue.push(chunk);
          },
        });
      } finally {
        session.dispose();
        sequence.dispose();
      }
    }, inner.signal);
    run.then(
      () => queue.end(),
      (error: unknown) => queue.end(outer?.aborted ? asCancelled(outer) : error),
    );
    try {
      yield* queue.drain();
    } finally {
      outer?.removeEventListener('abort', onAbort);
      inner.abort(new CancelledError('stream closed by the reader'));
      await run.catch(() => undefined);
    }
  }

  /** Frees the context and the model; the generator cannot be used afterwards. */
  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
  }
}

function asCancelled(signal: AbortSignal): Error {
  try {
    throwIfAborted(signal);
  } catch (error) {
    if (error instanceof Error) return error;
  }
  return new CancelledError();
}
