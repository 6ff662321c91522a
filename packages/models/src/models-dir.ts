/**
 * Where model files live: RUSTYGPT_MODELS_DIR, else `models/` beside the data directory
 * (`${RUSTYGPT_DATA_DIR:-./.rustygpt/data}/../models`). Built-in models are built there on
 * first use and downloads land there, so every later start loads a ready file.
 */
import { dirname, resolve } from 'node:path';

/**
 * The absolute models directory: RUSTYGPT_MODELS_DIR, else `models` beside the data directory
 * RUSTYGPT_DATA_DIR (default `./.rustygpt/models`). Creates nothing.
 */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RUSTYGPT_MODELS_DIR && env.RUSTYGPT_MODELS_DIR.trim() !== '')
    return resolve(env.RUSTYGPT_MODELS_DIR);
  const dataDir = resolve(
    env.RUSTYGPT_DATA_DIR && env.RUSTYGPT_DATA_DIR.trim() !== '' ? env.RUSTYGPT_DATA_DIR : './.rustygpt/data',
  );
  return resolve(dirname(dataDir), 'models');
}
