/**
 * One node-llama-cpp runtime per process and GPU setting: loading the native backend is slow
 * and every model (embedding or chat) can share it. GPU is chosen automatically (CUDA/Vulkan
 * when present, CPU otherwise) and never built from source.
 */
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { ValidationError } from '@rustygpt/core';

/** `auto` picks the best available backend; `false` forces CPU. */
export type GpuSetting = 'auto' | false | 'cuda' | 'vulkan';

const runtimes = new Map<string, Promise<Llama>>();

/** Parses RUSTYGPT_GPU (`auto` default, `false`/`cpu`/`0`, `cuda`, `vulkan`). */
export function gpuSettingFromEnv(env: NodeJS.ProcessEnv = process.env): GpuSetting {
  const raw = (env.RUSTYGPT_GPU ?? 'auto').trim().toLowerCase();
  if (raw === '' || raw === 'auto') return 'auto';
  if (raw === 'false' || raw === 'cpu' || raw === '0' || raw === 'off') return false;
  if (raw === 'cuda' || raw === 'vulkan') return raw;
  throw new ValidationError(`RUSTYGPT_GPU must be auto, cpu, cuda or vulkan (got "${raw}")`, 'RUSTYGPT_GPU');
}

/** Parses a positive integer variable such as RUSTYGPT_THREADS; undefined when unset. */
export function positiveIntFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`${name} must be a positive integer`, name);
  return n;
}

/** The shared runtime for a GPU setting (created on first use). */
export function llamaRuntime(gpu: GpuSetting = gpuSettingFromEnv()): Promise<Llama> {
  const key = String(gpu);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = getLlama({
      gpu,
      build: 'never',
      logLevel: process.env.RUSTYGPT_LLAMA_LOG === 'debug' ? LlamaLogLevel.debug : LlamaLogLevel.error,
    });
    runtime.catch(() => runtimes.delete(key));
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** Backend in words for `doctor` and logs: `cpu`, `cuda`, `vulkan` or `metal`. */
export function backendName(llama: Llama): string {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}
