import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, downloadModel, LlamaEmbedder, writeTinyBertGguf } from '../src/index';

const PORT = 8701;
let dir: string;
let modelPath: string;
let modelSha: string;
let server: Server;
let requests = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-download-'));
  modelPath = join(dir, 'tiny-bert.gguf');
  modelSha = (await writeTinyBertGguf(modelPath)).sha256;
  const body = await readFile(modelPath);
  server = createServer((req, res) => {
    requests += 1;
    if (req.url?.startsWith('/models/tiny-bert.gguf')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      // Send in pieces so progress is reported more than once.
      const step = Math.ceil(body.length / 4);
      for (let i = 0; i < body.length; i += step) res.write(body.subarray(i, i + step));
      res.end();
    } else if (req.url === '/not-a-model.gguf') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>nope</html>');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('LlamaEmbedder over a user GGUF file', () => {
  it('loads a BERT GGUF from a path and embeds with its dimension', async () => {
    const embedder = await createEmbedder(modelPath, { gpu: false, modelsDir: join(dir, 'models') });
    try {
      expect(embedder).toBeInstanceOf(LlamaEmbedder);
      expect(embedder.modelId).toBe('tiny-bert');
      expect(embedder.dims).toBe(48);
      expect(embedder.fileHash).toBe(modelSha);
      const [a, b] = await embedder.embed(['paris is the capital of france', 'iron is a metal']);
      expect(a).toHaveLength(48);
      expect([...a!]).not.toEqual([...b!]);
    } finally {
      await embedder.dispose();
    }
  });

  it('rejects a missing file and an unknown built-in with BAD_USER_INPUT', async () => {
    await expect(createEmbedder(join(dir, 'missing.gguf'))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(createEmbedder('builtin:nope')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('model download', () => {
  it('downloads from a URL with progress, verifies the checksum, then reuses the file', async () => {
    const modelsDir = join(dir, 'dl-cache');
    const progress: number[] = [];
    const url = `http://127.0.0.1:${PORT}/models/tiny-bert.gguf#sha256=${modelSha}`;
    const embedder = await createEmbedder(url, {
      gpu: false,
      modelsDir,
      onDownloadProgress: (p) => progress.push(p.receivedBytes),
    });
    try {
      expect(embedder.modelId).toBe('tiny-bert');
      expect(embedder.fileHash).toBe(modelSha);
      expect((await embedder.embed(['hello world']))[0]).toHaveLength(48);
    } finally {
      await embedder.dispose();
    }
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe((await readFile(modelPath)).length);
    const before = requests;
    const again = await downloadModel(url, { dir: join(modelsDir, 'downloads') });
    expect(again.downloaded).toBe(false);
    expect(requests).toBe(before);
  });

  it('refuses a checksum mismatch and leaves no file behind', async () => {
    const target = join(dir, 'bad-sum');
    await expect(
      downloadModel(`http://127.0.0.1:${PORT}/models/tiny-bert.gguf?v=2`, {
        dir: target,
        sha256: '0'.repeat(64),
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/checksum mismatch/) });
    expect(await readdir(target)).toEqual([]);
  });

  it('refuses a file that is not a GGUF, and reports HTTP errors as UNAVAILABLE', async () => {
    const target = join(dir, 'bad-file');
    await expect(
      downloadModel(`http://127.0.0.1:${PORT}/not-a-model.gguf`, { dir: target }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      downloadModel(`http://127.0.0.1:${PORT}/missing.gguf`, { dir: target }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(await readdir(target)).toEqual([]);
  });

  it('stops with CANCELLED when the signal fires', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      downloadModel(`http://127.0.0.1:${PORT}/models/tiny-bert.gguf?v=3`, {
        dir: join(dir, 'c'),
        signal: ac.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
