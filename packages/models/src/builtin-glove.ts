/**
 * The built-in GloVe embedding model as a cached file: built deterministically on first use
 * (about 9 s), named by a fingerprint of its source and build options, then simply loaded.
 * Concurrent first uses in one process share one build; across processes the atomic rename
 * makes simultaneous builds harmless (they write identical bytes).
 */
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  buildGloveGguf,
  gloveFingerprint,
  GLOVE_BUILDER_VERSION,
  type GloveBuildOptions,
} from './glove-model';

export interface BuiltModel {
  path: string;
  sha256: string;
  vocabSize: number;
  /** True when this call built the file (false: loaded from the cache). */
  built: boolean;
}

const inFlight = new Map<string, Promise<BuiltModel>>();

/** Returns the cached GloVe GGUF for these options, building it when missing. */
export async function ensureGloveModel(dir: string, options: GloveBuildOptions = {}): Promise<BuiltModel> {
  const fingerprint = await gloveFingerprint(options);
  const path = join(dir, `glove-100d-${fingerprint.slice(0, 16)}.gguf`);
  let job = inFlight.get(path);
  if (!job) {
    job = provision(path, options).finally(() => inFlight.delete(path));
    inFlight.set(path, job);
  }
  return job;
}

async function provision(path: string, options: GloveBuildOptions): Promise<BuiltModel> {
  const metaPath = `${path}.json`;
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { sha256: string; vocabSize: number };
    // The meta file is written after the model's atomic rename, so the model is complete.
    return { path, sha256: meta.sha256, vocabSize: meta.vocabSize, built: false };
  } catch {
    // not built yet (or an unreadable meta file): build
  }
  const { sha256, vocabSize } = await buildGloveGguf(path, options);
  const tmp = `${metaPath}.${process.pid}.tmp`;
  await writeFile(
    tmp,
    JSON.stringify({
      sha256,
      vocabSize,
      builderVersion: GLOVE_BUILDER_VERSION,
      builtAt: new Date().toISOString(),
      options,
    }),
  );
  await rename(tmp, metaPath);
  await removeOutdatedBuilds(dirname(path));
  return { path, sha256, vocabSize, built: true };
}

/** Deletes GloVe models made by an older builder version (77 MB each), keeping current ones. */
async function removeOutdatedBuilds(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!/^glove-100d-[0-9a-f]+\.gguf\.json$/.test(name)) continue;
    try {
      const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as { builderVersion?: number };
      if (typeof meta.builderVersion !== 'number' || meta.builderVersion >= GLOVE_BUILDER_VERSION) continue;
      await rm(join(dir, name.replace(/\.json$/, '')), { force: true });
      await rm(join(dir, name), { force: true });
    } catch {
      // unreadable or concurrently removed: leave it
    }
  }
}
