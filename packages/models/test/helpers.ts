/** Shared test settings: one cache of built-in models for every test file of the package. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GloveBuildOptions } from '../src/glove-model';

/** Models directory shared by the test files (models are keyed by fingerprint, so reuse is safe). */
export const TEST_MODELS_DIR = join(tmpdir(), 'rustygpt-models-test-cache');

/** A smaller GloVe vocabulary keeps test loads fast; one test covers the real default. */
export const TEST_GLOVE: GloveBuildOptions = { vocabSize: 150_000 };
