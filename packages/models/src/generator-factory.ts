/**
 * `createGenerator()`: the chat model named by RUSTYGPT_CHAT_MODEL (a GGUF path), or null when
 * none is configured, in which case the reasoning engine answers with its extractive generator.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValidationError } from '@rustygpt/core';
import { LlamaGenerator, type LlamaGeneratorOptions } from './llama-generator';
import { gpuSettingFromEnv, positiveIntFromEnv } from './llama-runtime';

/**
 * Loads the chat model at `options.modelPath`, else RUSTYGPT_CHAT_MODEL; null when neither is set.
 * RUSTYGPT_CHAT_THREADS, RUSTYGPT_CHAT_CONTEXT and RUSTYGPT_CHAT_TEMPERATURE fill options not given.
 * @throws ValidationError (`BAD_USER_INPUT`) when the file does not exist or RUSTYGPT_CHAT_TEMPERATURE
 * is outside [0, 2]; UnavailableError (`UNAVAILABLE`) when the model cannot be loaded.
 */
export async function createGenerator(
  options: Partial<LlamaGeneratorOptions> & { env?: NodeJS.ProcessEnv } = {},
): Promise<LlamaGenerator | null> {
  const env = options.env ?? process.env;
  const path = options.modelPath ?? env.RUSTYGPT_CHAT_MODEL?.trim();
  if (!path) return null;
  const modelPath = resolve(path);
  if (!existsSync(modelPath))
    throw new ValidationError(`chat model file not found: ${modelPath}`, 'RUSTYGPT_CHAT_MODEL');
  const temperature = env.RUSTYGPT_CHAT_TEMPERATURE ? Number(env.RUSTYGPT_CHAT_TEMPERATURE) : undefined;
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    throw new ValidationError(
      'RUSTYGPT_CHAT_TEMPERATURE must be a number in [0, 2]',
      'RUSTYGPT_CHAT_TEMPERATURE',
    );
  }
  return LlamaGenerator.load({
    ...options,
    modelPath,
    gpu: options.gpu ?? gpuSettingFromEnv(env),
    threads: options.threads ?? positiveIntFromEnv('RUSTYGPT_CHAT_THREADS', env),
    contextSize: options.contextSize ?? positiveIntFromEnv('RUSTYGPT_CHAT_CONTEXT', env),
    temperature: options.temperature ?? temperature,
  });
}
