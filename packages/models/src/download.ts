/**
 * Downloads a model from an http(s) URL into the models directory: streamed to a temporary
 * file while hashing, checked against an expected sha256 (option or `#sha256=` in the URL),
 * checked to be a GGUF, then renamed into place atomically. A finished download is reused.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { throwIfAborted, UnavailableError, ValidationError } from '@rustygpt/core';

/** Progress of a download, reported after each received piece. */
export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length; null when the server does not say. */
  totalBytes: number | null;
}

/** Options of {@link downloadModel}. */
export interface DownloadOptions {
  /** Directory the file (and its `.json` metadata) is written to; created when missing. */
  dir: string;
  /** Expected sha256 (hex); also read from a `#sha256=<hex>` URL fragment. */
  sha256?: string;
  /** Called after each received piece (not when the file is reused from the cache). */
  onProgress?: (progress: DownloadProgress) => void;
  /** Aborts the download; the partial file is removed. */
  signal?: AbortSignal;
  /** The fetch implementation (default the global one; tests pass a fake server). */
  fetch?: typeof fetch;
}

/** A model file on disk, from {@link downloadModel}. */
export interface DownloadedModel {
  /** Path of the GGUF file inside `dir`. */
  path: string;
  /** sha256 (hex) of the file. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  /** False when the file was already in the cache. */
  downloaded: boolean;
}

function fileNameFor(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'model.gguf';
  const safe = last.replace(/[^A-Za-z0-9._-]/g, '_');
  const key = createHash('sha256')
    .update(`${url.origin}${url.pathname}${url.search}`)
    .digest('hex')
    .slice(0, 12);
  return `${key}-${safe.endsWith('.gguf') ? safe : `${safe}.gguf`}`;
}

/**
 * Downloads (or reuses) a model file.
 * @throws ValidationError (`BAD_USER_INPUT`) for a malformed or non-http(s) URL, a checksum mismatch
 * or a file that is not GGUF; UnavailableError (`UNAVAILABLE`) when the server cannot be reached,
 * answers an error or the download ends early; CancelledError (`CANCELLED`) when `signal` fires.
 */
export async function downloadModel(urlText: string, options: DownloadOptions): Promise<DownloadedModel> {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new ValidationError(`not a URL: ${urlText}`, 'RUSTYGPT_EMBEDDING_MODEL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`only http(s) model URLs are supported, got ${url.protocol}`);
  }
  const fragment = /(?:^#|&)sha256=([0-9a-fA-F]{64})/.exec(url.hash)?.[1];
  const expected = (options.sha256 ?? fragment)?.toLowerCase();
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, fileNameFor(url));
  const metaPath = `${path}.json`;
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { sha256: string; bytes: number };
    if (!expected || meta.sha256 === expected) {
      return { path, sha256: meta.sha256, bytes: meta.bytes, downloaded: false };
    }
  } catch {
    // not downloaded yet
  }

  throwIfAborted(options.signal);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: options.signal ?? null, redirect: 'follow' });
  } catch (error) {
    throwIfAborted(options.signal);
    throw new UnavailableError(
      `cannot download ${url.href}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!response.ok || !response.body) {
    throw new UnavailableError(`cannot download ${url.href}: HTTP ${response.status}`, {
      status: response.status,
    });
  }
  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const tmp = `${path}.${process.pid}.${Date.now()}.part`;
  const hash = createHash('sha256');
  let receivedBytes = 0;
  const out = createWriteStream(tmp);
  try {
    const reader = response.body.getReader();
    for (;;) {
      throwIfAborted(options.signal);
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      receivedBytes += value.length;
      if (!out.write(value)) await once(out, 'drain');
      options.onProgress?.({ receivedBytes, totalBytes });
    }
    out.end();
    await once(out, 'finish');
    if (totalBytes !== null && receivedBytes !== totalBytes) {
      throw new UnavailableError(
        `download of ${url.href} ended early (${receivedBytes} of ${totalBytes} bytes)`,
      );
    }
    const sha256 = hash.digest('hex');
    if (expected && sha256 !== expected) {
      throw new ValidationError(`checksum mismatch for ${url.href}: expected ${expected}, got ${sha256}`);
    }
    const handle = await open(tmp, 'r');
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    await handle.close();
    if (magic.toString('latin1') !== 'GGUF') throw new ValidationError(`${url.href} is not a GGUF file`);
    await rename(tmp, path);
    await writeFile(metaPath, JSON.stringify({ url: url.href, sha256, bytes: receivedBytes }));
    return { path, sha256, bytes: receivedBytes, downloaded: true };
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throwIfAborted(options.signal);
    throw error;
  }
}
