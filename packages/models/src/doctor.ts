/**
 * What `rustygpt doctor` reports about the models: backend (cpu/cuda/vulkan), threads, the
 * embedding model with its dimension and a throughput probe, and the chat model when one is
 * configured. Lives here so it is testable without the CLI.
 */
import { cpus } from 'node:os';
import { createEmbedder, type CreateEmbedderOptions } from './embedder-factory';
import { createGenerator } from './generator-factory';
import { LlamaEmbedder } from './llama-embedder';
import { backendName, gpuSettingFromEnv, llamaRuntime } from './llama-runtime';
import { modelsDir } from './models-dir';

/** What {@link runDoctor} measured; {@link formatDoctorReport} prints it. */
export interface DoctorReport {
  /** llama.cpp backend: `cpu`, `cuda`, `vulkan` or `metal`. */
  backend: string;
  /** Names of the GPUs in use (empty on CPU). */
  gpuDevices: string[];
  cpuCores: number;
  /** Cores llama.cpp uses for math. */
  mathCores: number;
  modelsDir: string;
  embedding: {
    modelId: string;
    dims: number;
    fileHash: string;
    /** Threads per context of a GGUF model; null for the TF.js built-in. */
    threads: number | null;
    /** Time to create the embedder, in milliseconds. */
    loadMs: number;
    /** Sentences per second over `probeSentences` distinct sentences, one `embed` call. */
    sentencesPerSecond: number;
    probeSentences: number;
  };
  /**
   * The chat model's speed over a short prompt (streamed chunks per second, a chunk being about a
   * token); null when no chat model is configured.
   */
  chat: { modelName: string; threads: number; tokensPerSecond: number; probeTokens: number } | null;
}

const WORDS = 'river city metal music history science planet language forest ocean kingdom author'.split(' ');

/** Distinct, plausible sentences for a throughput probe. */
export function probeSentences(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const a = WORDS[i % WORDS.length] ?? 'river';
    const b = WORDS[(i * 7 + 3) % WORDS.length] ?? 'city';
    return `The ${a} near the ${b} was described in report number ${i}.`;
  });
}

/**
 * Loads the configured embedding model (or `options.spec`) and chat model, measures them and
 * releases them. `probe` sets the number of sentences embedded (default 200), `chatProbeTokens`
 * the tokens generated (default 32).
 * @throws what {@link createEmbedder} and {@link createGenerator} throw.
 */
export async function runDoctor(
  options: CreateEmbedderOptions & { spec?: string; probe?: number; chatProbeTokens?: number } = {},
): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const llama = await llamaRuntime(options.gpu ?? gpuSettingFromEnv(env));
  const started = performance.now();
  const embedder = await createEmbedder(options.spec, { ...options, cacheBytes: 0 });
  const loadMs = performance.now() - started;
  const n = options.probe ?? 200;
  let sentencesPerSecond = 0;
  try {
    await embedder.embed(probeSentences(8).map((s) => `warm up: ${s}`));
    const t0 = performance.now();
    await embedder.embed(probeSentences(n));
    sentencesPerSecond = n / ((performance.now() - t0) / 1000);
  } finally {
    await embedder.dispose();
  }
  let chat: DoctorReport['chat'] = null;
  const generator = await createGenerator({ env, gpu: options.gpu });
  if (generator) {
    try {
      const probeTokens = options.chatProbeTokens ?? 32;
      const t0 = performance.now();
      let tokens = 0;
      for await (const chunk of generator.stream('Say something about rivers.', { maxTokens: probeTokens })) {
        if (chunk) tokens += 1;
      }
      chat = {
        modelName: generator.modelName,
        threads: generator.threads,
        tokensPerSecond: tokens / ((performance.now() - t0) / 1000),
        probeTokens: tokens,
      };
    } finally {
      await generator.dispose();
    }
  }
  return {
    backend: backendName(llama),
    gpuDevices: llama.gpu === false ? [] : await llama.getGpuDeviceNames(),
    cpuCores: cpus().length,
    mathCores: llama.cpuMathCores,
    modelsDir: options.modelsDir ?? modelsDir(env),
    embedding: {
      modelId: embedder.modelId,
      dims: embedder.dims,
      fileHash: embedder.fileHash,
      threads: embedder instanceof LlamaEmbedder ? embedder.threads : null,
      loadMs,
      sentencesPerSecond,
      probeSentences: n,
    },
    chat,
  };
}

/** Human-readable lines of a report. */
export function formatDoctorReport(r: DoctorReport): string {
  const lines = [
    `backend:          ${r.backend}${r.gpuDevices.length > 0 ? ` (${r.gpuDevices.join(', ')})` : ''}`,
    `cpu cores:        ${r.cpuCores} (math cores ${r.mathCores})`,
    `models dir:       ${r.modelsDir}`,
    `embedding model:  ${r.embedding.modelId} (${r.embedding.dims} dims, sha256 ${r.embedding.fileHash.slice(0, 12)}…)`,
    `embedding threads: ${r.embedding.threads ?? 'n/a (TF.js WASM)'}`,
    `embedding load:   ${Math.round(r.embedding.loadMs)} ms`,
    `embedding speed:  ${r.embedding.sentencesPerSecond.toFixed(1)} sentences/s (${r.embedding.probeSentences} sentences)`,
  ];
  lines.push(
    r.chat
      ? `chat model:       ${r.chat.modelName}, ${r.chat.threads} threads, ${r.chat.tokensPerSecond.toFixed(1)} tokens/s`
      : 'chat model:       none (set RUSTYGPT_CHAT_MODEL to a GGUF file; answers are extractive)',
  );
  return lines.join('\n');
}
