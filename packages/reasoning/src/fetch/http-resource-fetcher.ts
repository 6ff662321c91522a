/**
 * Fetches external resources for RAG: http(s) through fetch and local files, each with a time
 * limit, a size limit and a content-type allow-list; HTML is reduced to its text and title.
 */
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TimeoutError,
  UnavailableError,
  ValidationError,
  throwIfAborted,
  type FetchedResource,
  type ResourceFetcher,
} from '@rustygpt/core';

/** Limits of an {@link HttpResourceFetcher}. */
export interface HttpResourceFetcherOptions {
  /** Milliseconds allowed for one fetch, body included (default 10 s). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 2 MiB). */
  maxBytes?: number;
  /** Content types accepted (prefix match; default text/*, JSON, XML, XHTML). */
  allowedTypes?: string[];
  /** Schemes accepted (default http, https, file). */
  schemes?: ('http' | 'https' | 'file')[];
  /** Directory `file:` URIs must be under (default: any). */
  fileRoot?: string;
}

const DEFAULT_TYPES = ['text/', 'application/json', 'application/xml', 'application/xhtml+xml'];
const FILE_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
};

/** The ResourceFetcher for http, https and file URIs. */
export class HttpResourceFetcher implements ResourceFetcher {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly allowedTypes: string[];
  private readonly schemes: Set<string>;
  private readonly fileRoot: string | undefined;

  constructor(options: HttpResourceFetcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.allowedTypes = options.allowedTypes ?? DEFAULT_TYPES;
    this.schemes = new Set(options.schemes ?? ['http', 'https', 'file']);
    this.fileRoot = options.fileRoot;
  }

  /**
   * Fetches `uri` (redirects followed) and returns its text; HTML is reduced to its visible text
   * and `<title>`, other bodies are decoded with their charset (default UTF-8).
   * @throws ValidationError (`BAD_USER_INPUT`) for an invalid URI, a scheme not allowed, a file
   * outside `fileRoot`, a content type not accepted or a body over `maxBytes`; UnavailableError
   * (`UNAVAILABLE`) when the host cannot be reached, answers a non-2xx status or the file cannot
   * be opened; TimeoutError (`TIMEOUT`) after `timeoutMs`; CancelledError (`CANCELLED`) when
   * `signal` fires.
   */
  async fetch(uri: string, options: { signal?: AbortSignal } = {}): Promise<FetchedResource> {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new ValidationError(`not a URI: ${uri}`, '$.uri');
    }
    const scheme = url.protocol.replace(/:$/, '');
    if (!this.schemes.has(scheme))
      throw new ValidationError(`scheme ${scheme} is not allowed`, '$.uri', { uri });
    throwIfAborted(options.signal);
    const timer = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
    try {
      const { body, contentType } =
        scheme === 'file' ? await this.readFile(url, signal) : await this.readHttp(url, signal);
      return toResource(uri, contentType, body);
    } catch (error) {
      if (timer.aborted && !options.signal?.aborted) {
        throw new TimeoutError(`fetching ${uri} took longer than ${this.timeoutMs} ms`, { uri });
      }
      throwIfAborted(options.signal);
      throw error;
    }
  }

  private async readHttp(url: URL, signal: AbortSignal): Promise<{ body: string; contentType: string }> {
    let response: Response;
    try {
      response = await fetch(url, {
        signal,
        redirect: 'follow',
        headers: { accept: this.allowedTypes.join(', ') },
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UnavailableError(`cannot reach ${url.href}`, { uri: url.href }, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UnavailableError(`${url.href} answered ${response.status}`, {
        uri: url.href,
        status: response.status,
      });
    }
    const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').toLowerCase();
    this.checkType(contentType, url.href);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body?.cancel();
      throw this.tooLarge(url.href);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.maxBytes) {
          await reader.cancel();
          throw this.tooLarge(url.href);
        }
        chunks.push(value);
      }
    }
    return { body: decode(chunks, contentType), contentType };
  }

  private async readFile(url: URL, signal: AbortSignal): Promise<{ body: string; contentType: string }> {
    const path = fileURLToPath(url);
    if (this.fileRoot && !path.startsWith(this.fileRoot)) {
      throw new ValidationError(`file ${path} is outside ${this.fileRoot}`, '$.uri');
    }
    const contentType = FILE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    this.checkType(contentType, url.href);
    const handle = await open(path, 'r').catch((error: unknown) => {
      throw new UnavailableError(`cannot open ${path}`, { uri: url.href }, { cause: error });
    });
    try {
      const { size } = await handle.stat();
      if (size > this.maxBytes) throw this.tooLarge(url.href);
      throwIfAborted(signal);
      const buffer = await handle.readFile();
      return { body: buffer.toString('utf8'), contentType };
    } finally {
      await handle.close();
    }
  }

  private checkType(contentType: string, uri: string): void {
    if (!this.allowedTypes.some((t) => contentType.startsWith(t))) {
      throw new ValidationError(`content type ${contentType} is not accepted`, '$.contentType', {
        uri,
        contentType,
      });
    }
  }

  private tooLarge(uri: string): ValidationError {
    return new ValidationError(`resource is larger than ${this.maxBytes} bytes`, '$.size', {
      uri,
      maxBytes: this.maxBytes,
    });
  }
}

function decode(chunks: Uint8Array[], contentType: string): string {
  const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim() ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(Buffer.concat(chunks));
}

function toResource(uri: string, contentType: string, body: string): FetchedResource {
  const type = contentType.split(';')[0]!.trim();
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
    return {
      uri,
      contentType: type,
      title: title ? decodeEntities(title).trim() : null,
      text: htmlToText(body),
    };
  }
  return { uri, contentType: type, title: null, text: body };
}

/** Visible text of an HTML document (scripts, styles and tags removed, entities decoded). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes entities in one pass ("&amp;lt;" is the text "&lt;"); an invalid code point stays as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(?:(nbsp|amp|lt|gt|quot|apos)|#(\d+));/g, (entity, name?: string, code?: string) => {
    if (name) return NAMED_ENTITIES[name]!;
    const point = Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });
}
