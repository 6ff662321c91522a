/**
 * Embedder over any GGUF embedding model through node-llama-cpp (BERT, nomic-bert, the
 * built-in GloVe model...): one embedding context per concurrent slot, texts truncated to the
 * context, GPU when available, threads always explicit (the library default is ~100x slower
 * on small CPUs).
 */
import { basename } from 'node:path';
import type { LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { throwIfAborted, UnavailableError } from '@rustygpt/core';
import { BatchingEmbedder, type BatchingOptions } from './batching-embedder';
import { sha256File } from './file-hash';
import { backendName, gpuSettingFromEnv, llamaRuntime, type GpuSetting } from './llama-runtime';

/** Options of {@link LlamaEmbedder.load}. */
export interface LlamaEmbedderOptions extends BatchingOptions {
  /** Path of the GGUF file. */
  modelPath: string;
  /** Id recorded with the vectors (default: the file name without `.gguf`). */
  modelId?: string;
  /** sha256 of the file when already known (skips hashing it). */
  fileHash?: string;
  /** GPU use (default from RUSTYGPT_GPU). */
  gpu?: GpuSetting;
  /** Threads per context (default 1: measured fastest for small models on CPU). */
  threads?: number;
  /** Parallel embedding contexts (default 1). */
  contexts?: number;
  /** Tokens per text, at most the model's training context (default 2048). */
  contextSize?: number;
  /** Aborts loading. */
  signal?: AbortSignal;
}

/**
 * An `Embedder` over a GGUF embedding model (BERT, nomic-bert, the built-in GloVe model)
 * through node-llama-cpp; create it with {@link LlamaEmbedder.load}.
 */
export class LlamaEmbedder extends BatchingEmbedder {
  readonly modelId: string;
  readonly dims: number;
  readonly fileHash: string;
  /** `cpu`, `cuda`, `vulkan` or `metal`. */
  readonly backend: string;
  readonly threads: number;
  readonly contextSize: number;
  private readonly free: LlamaEmbeddingContext[];

  private constructor(
    private readonly model: LlamaModel,
    private readonly contexts: LlamaEmbeddingContext[],
    info: { modelId: string; fileHash: string; backend: string; threads: number; contextSize: number },
    options: BatchingOptions,
  ) {
    super(contexts.length, options);
    this.free = [...contexts];
    this.modelId = info.modelId;
    this.fileHash = info.fileHash;
    this.backend = info.backend;
    this.threads = info.threads;
    this.contextSize = info.contextSize;
    this.dims = model.embeddingVectorSize;
  }

  /**
   * Loads a GGUF embedding model.
   * @throws UnavailableError (`UNAVAILABLE`) when the file cannot be loaded or no context created;
   * CancelledError (`CANCELLED`) when `signal` fires.
   */
  static async load(options: LlamaEmbedderOptions): Promise<LlamaEmbedder> {
    const llama = await llamaRuntime(options.gpu ?? gpuSettingFromEnv());
    const threads = options.threads ?? 1;
    const fileHash = options.fileHash ?? (await sha256File(options.modelPath));
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: options.modelPath, loadSignal: options.signal });
    } catch (error) {
      throwIfAborted(options.signal);
      throw new UnavailableError(
        `cannot load embedding model ${options.modelPath}: ${error instanceof Error ? error.message : String(error)}`,
        { modelPath: options.modelPath },
        { cause: error },
      );
    }
    const contextSize = Math.min(model.trainContextSize || 512, options.contextSize ?? 2048);
    const contexts: LlamaEmbeddingContext[] = [];
    try {
      for (let i = 0; i < Math.max(1, options.contexts ?? 1); i++) {
        contexts.push(
          await model.createEmbeddingContext({
            contextSize,
            batchSize: contextSize,
            threads,
            createSignal: options.signal,
          }),
        );
      }
    } catch (error) {
      for (const c of contexts) await c.dispose();
      await model.dispose();
      throwIfAborted(options.signal);
      throw new UnavailableError(
        `cannot create an embedding context for ${options.modelPath}: ${error instanceof Error ? error.message : String(error)}`,
        {},
        { cause: error },
      );
    }
    return new LlamaEmbedder(
      model,
      contexts,
      {
        modelId: options.modelId ?? basename(options.modelPath).replace(/\.gguf$/i, ''),
        fileHash,
        backend: backendName(llama),
        threads,
        contextSize,
      },
      options,
    );
  }

  protected autoBatchSize(missing: number, concurrency: number): number {
    // One batch per context keeps every context busy; cap so cancellation stays prompt.
    return Math.min(64, Math.ceil(missing / concurrency));
  }

  /** Tokens of a text, truncated to what one context can embed (BOS/EOS are added later). */
  private tokensFor(text: string): Token[] {
    const tokens = this.model.tokenize(text);
    const max = this.contextSize - 3; // the library wants BOS + tokens + EOS < context size
    return tokens.length > max ? tokens.slice(0, max) : tokens;
  }

  protected async computeBatch(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const context = this.free.pop();
    if (!context) throw new Error('no free embedding context'); // the semaphore prevents this
    try {
      const out: number[][] = [];
      for (const text of texts) {
        throwIfAborted(signal);
        const tokens = this.tokensFor(text);
        // An empty text has no tokens: its zero vector becomes the fixed null direction.
        const embedding = tokens.length === 0 ? { vector: [] } : await context.getEmbeddingFor(tokens);
        out.push(
          embedding.vector.length === 0 ? new Array<number>(this.dims).fill(0) : [...embedding.vector],
        );
      }
      return out;
    } finally {
      this.free.push(context);
    }
  }

  /** Frees the contexts and the model; the embedder cannot be used afterwards. */
  async dispose(): Promise<void> {
    for (const c of this.contexts) await c.dispose();
    await this.model.dispose();
  }
}
