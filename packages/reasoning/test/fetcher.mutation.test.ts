/**
 * Mutation-testing gate for the HTTP resource fetcher: the errors it raises (codes, messages,
 * details), its limits (schemes, content types, sizes), charset decoding, local files by
 * extension, and the reduction of HTML to its title and visible text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RustyError, TimeoutError, UnavailableError, ValidationError } from '@rustygpt/core';
import { HttpResourceFetcher, htmlToText } from '../src/fetch/http-resource-fetcher';

let server: Server;
let base = '';
let lastHeaders: IncomingHttpHeaders = {};

/** Responses by path: status, headers and body (a content-length is set unless `chunked`). */
const routes: Record<
  string,
  { status?: number; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean }
> = {
  '/plain': { headers: { 'content-type': 'text/plain' }, body: 'Neon glows red.' },
  '/none': { body: 'raw bytes' },
  '/latin1': {
    headers: { 'content-type': 'text/plain; charset= ISO-8859-1 ; format=flowed' },
    body: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
  },
  '/bogus-charset': { headers: { 'content-type': 'text/plain; charset=klingon' }, body: 'café' },
  '/exact': { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(10) },
  '/exact-chunked': { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(10), chunked: true },
  '/over-declared': { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(11) },
  '/over-chunked': { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(11), chunked: true },
  '/empty': { status: 204, headers: { 'content-type': 'text/plain' } },
  '/xhtml': {
    headers: { 'content-type': 'application/xhtml+xml; charset=utf-8' },
    body: '<html><head><title lang="en">\n  Neon &lt;Ne&gt;  </title></head><body><p>Glows</p></body></html>',
  },
  '/html-untitled': { headers: { 'content-type': 'Text/HTML' }, body: '<p>Hello</p><title></title>' },
  '/plain-html': { headers: { 'content-type': 'text/plain' }, body: '<title>Not a title</title><b>bold</b>' },
  '/gone': { status: 410 },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    lastHeaders = req.headers;
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const body = route.body === undefined ? undefined : Buffer.from(route.body);
    const headers: Record<string, string> = { ...route.headers };
    if (body && !route.chunked) headers['content-length'] = String(body.byteLength);
    res.writeHead(route.status ?? 200, headers);
    if (body && route.chunked) {
      res.write(body.subarray(0, 3));
      res.end(body.subarray(3));
    } else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<RustyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RustyError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('HttpResourceFetcher over http', () => {
  const fetcher = new HttpResourceFetcher({ maxBytes: 10 });

  it('refuses a string that is not a URI, and schemes not allowed', async () => {
    const notUri = await failure(fetcher.fetch('not a uri'));
    expect(notUri).toBeInstanceOf(ValidationError);
    expect(notUri.message).toBe('$.uri: not a URI: not a uri');
    const ftp = await failure(fetcher.fetch('ftp://example.org/x'));
    expect(ftp).toBeInstanceOf(ValidationError);
    expect(ftp.message).toBe('$.uri: scheme ftp is not allowed');
    expect(ftp.details).toEqual({ uri: 'ftp://example.org/x', path: '$.uri' });
    const httpsOnly = new HttpResourceFetcher({ schemes: ['https'] });
    expect((await failure(httpsOnly.fetch(`${base}/plain`))).message).toBe(
      '$.uri: scheme http is not allowed',
    );
  });

  it('accepts http, https and file by default', async () => {
    const any = new HttpResourceFetcher();
    expect((await any.fetch(`${base}/plain`)).text).toBe('Neon glows red.');
    const dir = mkdtempSync(join(tmpdir(), 'rsn-fetch-'));
    writeFileSync(join(dir, 'a.txt'), 'local');
    expect((await any.fetch(pathToFileURL(join(dir, 'a.txt')).href)).text).toBe('local');
    const https = await failure(any.fetch('https://127.0.0.1:1/x'));
    expect(https).toBeInstanceOf(UnavailableError);
  });

  it('asks for the accepted content types', async () => {
    await new HttpResourceFetcher().fetch(`${base}/plain`);
    expect(lastHeaders.accept).toBe('text/, application/json, application/xml, application/xhtml+xml');
    await new HttpResourceFetcher({ allowedTypes: ['text/plain', 'text/csv'] }).fetch(`${base}/plain`);
    expect(lastHeaders.accept).toBe('text/plain, text/csv');
  });

  it('reports an unreachable host and a non-2xx status as unavailable, with the URI', async () => {
    const unreachable = await failure(fetcher.fetch('http://127.0.0.1:1/x'));
    expect(unreachable).toBeInstanceOf(UnavailableError);
    expect(unreachable.message).toBe('cannot reach http://127.0.0.1:1/x');
    expect(unreachable.details).toEqual({ uri: 'http://127.0.0.1:1/x' });
    expect(unreachable.cause).toBeInstanceOf(Error);
    const gone = await failure(fetcher.fetch(`${base}/gone`));
    expect(gone).toBeInstanceOf(UnavailableError);
    expect(gone.message).toBe(`${base}/gone answered 410`);
    expect(gone.details).toEqual({ uri: `${base}/gone`, status: 410 });
  });

  it('treats a body without a content type as binary', async () => {
    const refused = await failure(fetcher.fetch(`${base}/none`));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.message).toBe('$.contentType: content type application/octet-stream is not accepted');
    expect(refused.details).toEqual({
      uri: `${base}/none`,
      contentType: 'application/octet-stream',
      path: '$.contentType',
    });
    const binary = new HttpResourceFetcher({ allowedTypes: ['application/octet-stream'] });
    expect(await binary.fetch(`${base}/none`)).toEqual({
      uri: `${base}/none`,
      contentType: 'application/octet-stream',
      title: null,
      text: 'raw bytes',
    });
  });

  it('accepts a body of exactly maxBytes, declared or streamed, and refuses one byte more', async () => {
    expect((await fetcher.fetch(`${base}/exact`)).text).toBe('x'.repeat(10));
    expect((await fetcher.fetch(`${base}/exact-chunked`)).text).toBe('x'.repeat(10));
    for (const path of ['/over-declared', '/over-chunked']) {
      const tooLarge = await failure(fetcher.fetch(`${base}${path}`));
      expect(tooLarge).toBeInstanceOf(ValidationError);
      expect(tooLarge.message).toBe('$.size: resource is larger than 10 bytes');
      expect(tooLarge.details).toEqual({ uri: `${base}${path}`, maxBytes: 10, path: '$.size' });
    }
    expect((await new HttpResourceFetcher().fetch(`${base}/over-declared`)).text).toBe('x'.repeat(11));
  });

  it('answers an empty text for a response without a body', async () => {
    expect(await fetcher.fetch(`${base}/empty`)).toEqual({
      uri: `${base}/empty`,
      contentType: 'text/plain',
      title: null,
      text: '',
    });
  });

  it('decodes the declared charset, falling back to UTF-8 for an unknown one', async () => {
    const latin1 = await new HttpResourceFetcher().fetch(`${base}/latin1`);
    expect(latin1.text).toBe('café');
    expect(latin1.contentType).toBe('text/plain');
    expect((await new HttpResourceFetcher().fetch(`${base}/bogus-charset`)).text).toBe('café');
  });

  it('reduces XHTML and HTML (any case) to title and text, leaving other types as they are', async () => {
    const any = new HttpResourceFetcher();
    expect(await any.fetch(`${base}/xhtml`)).toEqual({
      uri: `${base}/xhtml`,
      contentType: 'application/xhtml+xml',
      title: 'Neon <Ne>',
      text: 'Glows',
    });
    expect(await any.fetch(`${base}/html-untitled`)).toEqual({
      uri: `${base}/html-untitled`,
      contentType: 'text/html',
      title: null,
      text: 'Hello',
    });
    expect((await any.fetch(`${base}/plain-html`)).text).toBe('<title>Not a title</title><b>bold</b>');
    expect((await any.fetch(`${base}/plain-html`)).title).toBeNull();
  });

  it('names the limit when a fetch times out', async () => {
    const slow = new HttpResourceFetcher({ timeoutMs: 1 });
    const error = await failure(slow.fetch('http://10.255.255.1/x'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('fetching http://10.255.255.1/x took longer than 1 ms');
    expect(error.details).toEqual({ uri: 'http://10.255.255.1/x' });
  });
});

describe('HttpResourceFetcher over file URIs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsn-files-'));
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return pathToFileURL(join(dir, name)).href;
  };

  it('types files by their extension, in any case', async () => {
    const fetcher = new HttpResourceFetcher({ fileRoot: dir });
    const types: [string, string][] = [
      ['a.txt', 'text/plain'],
      ['a.md', 'text/markdown'],
      ['a.html', 'text/html'],
      ['a.htm', 'text/html'],
      ['a.json', 'application/json'],
      ['a.xml', 'application/xml'],
      ['a.csv', 'text/csv'],
      ['B.TXT', 'text/plain'],
    ];
    for (const [name, type] of types) {
      const got = await fetcher.fetch(write(name, 'plain'));
      expect(`${name} ${got.contentType}`).toBe(`${name} ${type}`);
    }
    const page = await fetcher.fetch(write('p.html', '<title>T</title><p>Body</p>'));
    expect(page.title).toBe('T');
  });

  it('refuses files of other types, outside the root, missing, or over the size limit', async () => {
    const fetcher = new HttpResourceFetcher({ fileRoot: dir, maxBytes: 5 });
    const bin = write('a.bin', 'x');
    const binary = await failure(fetcher.fetch(bin));
    expect(binary.message).toBe('$.contentType: content type application/octet-stream is not accepted');
    const outside = await failure(
      new HttpResourceFetcher({ fileRoot: join(dir, 'sub') }).fetch(write('o.txt', 'x')),
    );
    expect(outside).toBeInstanceOf(ValidationError);
    expect(outside.message).toBe(`$.uri: file ${join(dir, 'o.txt')} is outside ${join(dir, 'sub')}`);
    const missingUri = pathToFileURL(join(dir, 'missing.txt')).href;
    const missing = await failure(fetcher.fetch(missingUri));
    expect(missing).toBeInstanceOf(UnavailableError);
    expect(missing.message).toBe(`cannot open ${join(dir, 'missing.txt')}`);
    expect(missing.details).toEqual({ uri: missingUri });
    expect((await fetcher.fetch(write('five.txt', '12345'))).text).toBe('12345');
    const big = write('six.txt', '123456');
    const tooLarge = await failure(fetcher.fetch(big));
    expect(tooLarge.message).toBe('$.size: resource is larger than 5 bytes');
    expect(tooLarge.details).toEqual({ uri: big, maxBytes: 5, path: '$.size' });
  });
});

describe('htmlToText', () => {
  it('drops scripts, styles, noscript and head, and turns block ends into line breaks', () => {
    expect(
      htmlToText(
        '<head><title>x</title></head><SCRIPT type="a">s()</SCRIPT><style>p{}</style><noscript>n</noscript>' +
          '<h1 class="t">Title</h1><p>One</p><div>Two</div><ul><li>Three</li></ul>Four<br/>Five' +
          '<table><tr><td>Six</td></tr></table><span>Sev</span><i>en</i>',
      ),
    ).toBe('Title\nOne\nTwo\nThree\nFour\nFive Six\nSev en');
  });

  it('decodes entities and collapses spaces and blank lines', () => {
    expect(htmlToText('a&nbsp;b &amp; c &lt;d&gt; &quot;e&quot; &#39;f&apos; &#65;&#8364;')).toBe(
      `a b & c <d> "e" 'f' A€`,
    );
    expect(htmlToText('  one \t  two  \n\n \t three  ')).toBe('one two\nthree');
    expect(htmlToText('&amp;lt; &#38;amp; &#99999999; &bogus;')).toBe('&lt; &amp; &#99999999; &bogus;');
  });
});
