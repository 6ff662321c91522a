import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, TimeoutError, UnavailableError, ValidationError } from '@rustygpt/core';
import { HttpResourceFetcher } from './http-resource-fetcher';

const PORT = 8811;
const base = `http://127.0.0.1:${PORT}`;
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Argon is a noble gas.');
        return;
      case '/page':
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><title>Argon &amp; friends</title><style>p{}</style></head><body><p>Argon was discovered in 1894.</p><script>x()</script></body></html>',
          );
        return;
      case '/binary':
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('x'.repeat(600));
        res.end('y'.repeat(600));
        return;
      case '/slow': {
        const timer = setTimeout(() => {
          if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/plain' }).end('late');
        }, 3000);
        timer.unref();
        return;
      }
      case '/redirect':
        res.writeHead(302, { location: '/text' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HttpResourceFetcher', () => {
  const fetcher = new HttpResourceFetcher({ timeoutMs: 10_000, maxBytes: 1000 });

  it('fetches text, following redirects', async () => {
    expect(await fetcher.fetch(`${base}/redirect`)).toEqual({
      uri: `${base}/redirect`,
      contentType: 'text/plain',
      title: null,
      text: 'Argon is a noble gas.',
    });
  });

  it('reduces HTML to its title and visible text', async () => {
    const page = await fetcher.fetch(`${base}/page`);
    expect(page.title).toBe('Argon & friends');
    expect(page.text).toBe('Argon was discovered in 1894.');
  });

  it('refuses other content types, oversized bodies and unknown schemes', async () => {
    await expect(fetcher.fetch(`${base}/binary`)).rejects.toThrow(/content type image\/png/);
    await expect(fetcher.fetch(`${base}/big`)).rejects.toThrow(/larger than 1000 bytes/);
    await expect(fetcher.fetch('ftp://example.org/x')).rejects.toBeInstanceOf(ValidationError);
  });

  it('reports missing resources as unavailable', async () => {
    await expect(fetcher.fetch(`${base}/missing`)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('times out slow servers and honours cancellation', async () => {
    await expect(new HttpResourceFetcher({ timeoutMs: 100 }).fetch(`${base}/slow`)).rejects.toBeInstanceOf(
      TimeoutError,
    );
    const controller = new AbortController();
    const pending = new HttpResourceFetcher({ timeoutMs: 5000 }).fetch(`${base}/slow`, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('reads local files within the configured root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reasoning-fetch-'));
    const file = join(dir, 'note.md');
    writeFileSync(file, '# Neon\nNeon glows red.');
    const local = new HttpResourceFetcher({ fileRoot: dir });
    expect((await local.fetch(pathToFileURL(file).href)).text).toContain('Neon glows red.');
    await expect(
      new HttpResourceFetcher({ fileRoot: join(dir, 'sub') }).fetch(pathToFileURL(file).href),
    ).rejects.toThrow(/outside/);
  });
});
