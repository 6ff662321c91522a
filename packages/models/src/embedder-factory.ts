/**
 * `createEmbedder(spec)`: one place that turns a model spec into an Embedder, so the API, the
 * CLI and the jobs agree. Specs: `builtin:glove-100d`, `builtin:use-lite-512` (alias
 * `builtin:use-512`), a path to a GGUF file, or an http(s) URL to download into the cache.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValidationError } from '@rustygpt/core';
import type { BatchingOptions } from './batching-embedder';
import { ensureGloveModel } from './builtin-glove';
import { downloadModel, type DownloadProgress } from './download';
import type { GloveBuildOptions } from './glove-model';
import { LlamaEmbedder } from './llama-embedder';
import { gpuSettingFromEnv, positiveIntFromEnv, type GpuSetting } from './llama-runtime';
import { modelsDir } from './models-dir';
import { USE_MODEL_ID, UseEmbedder } from './use-embedder';

/** Id of the GloVe built-in. */
export const GLOVE_MODEL_ID = 'builtin:glove-100d';

/**
 * The embedder used when RUSTYGPT_EMBEDDING_MODEL is unset: USE-lite, which retrieves better
 * than GloVe on the HotpotQA slice (docs/EVALUATION.md); GloVe indexes ~10x faster.
 */
export const DEFAULT_EMBEDDING_MODEL = USE_MODEL_ID;

/** A parsed model spec: a built-in (`glove`, `use`), a local GGUF `file`, or a `url` to download. */
export type EmbeddingModelSpec =
  { kind: 'glove' } | { kind: 'use' } | { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** Parses a spec string; ValidationError for an unknown built-in or a missing file. */
export function parseEmbeddingModelSpec(spec: string): EmbeddingModelSpec {
  const s = spec.trim();
  if (s.startsWith('builtin:')) {
    const name = s.slice('builtin:'.length);
    if (name === 'glove-100d' || name === 'glove') return { kind: 'glove' };
    if (name === 'use-lite-512' || name === 'use-512' || name === 'use') return { kind: 'use' };
    throw new ValidationError(
      `unknown built-in embedding model "${s}" (known: ${GLOVE_MODEL_ID}, ${USE_MODEL_ID})`,
      'RUSTYGPT_EMBEDDING_MODEL',
    );
  }
  if (/^https?:\/\//i.test(s)) return { kind: 'url', url: s };
  const path = resolve(s.startsWith('file://') ? new URL(s).pathname : s);
  if (!existsSync(path))
    throw new ValidationError(`embedding model file not found: ${path}`, 'RUSTYGPT_EMBEDDING_MODEL');
  return { kind: 'file', path };
}

/** The canonical model id a spec will produce without loading it (built-ins only; else null). */
export function builtinModelId(spec: string): string | null {
  const parsed = parseEmbeddingModelSpec(spec);
  return parsed.kind === 'glove' ? GLOVE_MODEL_ID : parsed.kind === 'use' ? USE_MODEL_ID : null;
}

/** Options of {@link createEmbedder}; the batching options apply to every kind of embedder. */
export interface CreateEmbedderOptions extends BatchingOptions {
  /** Environment to read RUSTYGPT_* settings from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Where built-ins are built and downloads land (default: modelsDir(env)). */
  modelsDir?: string;
  /** GPU use of GGUF models (default from RUSTYGPT_GPU). */
  gpu?: GpuSetting;
  /** Threads per context of GGUF models (default RUSTYGPT_EMBEDDING_THREADS, else 1). */
  threads?: number;
  /** Parallel contexts of GGUF models (default RUSTYGPT_EMBEDDING_CONTEXTS, else 1). */
  contexts?: number;
  /** Build options of the GloVe built-in (tests use a smaller vocabulary). */
  glove?: GloveBuildOptions;
  /** Called as a URL spec downloads (not called when the file is already cached). */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** Aborts loading or downloading. */
  signal?: AbortSignal;
}

/** What {@link createEmbedder} returns: an embedder that also has `stats()` and `dispose()`. */
export type AnyEmbedder = LlamaEmbedder | UseEmbedder;

/**
 * Creates the embedder for `spec` (default: RUSTYGPT_EMBEDDING_MODEL, else the default
 * built-in). Threads come from RUSTYGPT_EMBEDDING_THREADS when not given.
 * @throws ValidationError (`BAD_USER_INPUT`) for an unknown built-in or a missing file;
 * UnavailableError (`UNAVAILABLE`) when the model cannot be loaded or downloaded.
 * @example
 * ```ts
 * const embedder = await createEmbedder('builtin:glove-100d');
 * const [vector] = await embedder.embed(['Paris is the capital of France']);
 * await embedder.dispose();
 * ```
 */
export async function createEmbedder(
  spec?: string,
  options: CreateEmbedderOptions = {},
): Promise<AnyEmbedder> {
  const env = options.env ?? process.env;
  const chosen = spec ?? (env.RUSTYGPT_EMBEDDING_MODEL?.trim() || DEFAULT_EMBEDDING_MODEL);
  const parsed = parseEmbeddingModelSpec(chosen);
  const dir = options.modelsDir ?? modelsDir(env);
  const batching: BatchingOptions = { cacheBytes: options.cacheBytes, batchSize: options.batchSize };
  const llamaCommon = {
    ...batching,
    gpu: options.gpu ?? gpuSettingFromEnv(env),
    threads: options.threads ?? positiveIntFromEnv('RUSTYGPT_EMBEDDING_THREADS', env) ?? 1,
    contexts: options.contexts ?? positiveIntFromEnv('RUSTYGPT_EMBEDDING_CONTEXTS', env) ?? 1,
    signal: options.signal,
  };
  switch (parsed.kind) {
    case 'use':
      return UseEmbedder.load(batching);
    case 'glove': {
      const built = await ensureGloveModel(dir, options.glove);
      return LlamaEmbedder.load({
        ...llamaCommon,
        modelPath: built.path,
        modelId: GLOVE_MODEL_ID,
        fileHash: built.sha256,
      });
    }
    case 'file':
      return LlamaEmbedder.load({ ...llamaCommon, modelPath: parsed.path });
    case 'url': {
      const file = await downloadModel(parsed.url, {
        dir: `${dir}/downloads`,
        onProgress: options.onDownloadProgress,
        signal: options.signal,
      });
      const name = decodeURIComponent(new URL(parsed.url).pathname.split('/').pop() ?? 'model').replace(
        /\.gguf$/i,
        '',
      );
      return LlamaEmbedder.load({
        ...llamaCommon,
        modelPath: file.path,
        modelId: name,
        fileHash: file.sha256,
      });
    }
  }
}
