import { describe, expect, it } from 'vitest';
import { bodySizeRefusal, boundedLabels, csrfRefusal } from './app';
import { pathOf } from './server';

const post = (headers: Record<string, string>) =>
  new Request('http://127.0.0.1/graphql', { method: 'POST', headers });

describe('csrfRefusal', () => {
  it('lets JSON and custom-header requests through', () => {
    expect(csrfRefusal(post({ 'content-type': 'application/json; charset=utf-8' }))).toBeNull();
    expect(csrfRefusal(post({ 'content-type': 'text/plain', 'x-rustygpt-csrf': '1' }))).toBeNull();
    expect(csrfRefusal(post({ 'content-type': 'text/plain', 'apollo-require-preflight': 'x' }))).toBeNull();
  });

  it('refuses the content types a cross-site form can send without a preflight', () => {
    for (const type of [
      'text/plain',
      'multipart/form-data; boundary=x',
      'Application/X-WWW-Form-Urlencoded',
    ]) {
      expect(csrfRefusal(post({ 'content-type': type }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect(csrfRefusal(new Request('http://127.0.0.1/graphql', { method: 'POST' }))?.message).toMatch(
      /cross-site request forgery/,
    );
  });
});

describe('bodySizeRefusal', () => {
  it('accepts bodies up to the limit and refuses larger ones with 413', () => {
    expect(bodySizeRefusal(post({ 'content-length': '100' }), 100)).toBeNull();
    expect(bodySizeRefusal(post({ 'content-length': '101' }), 100)).toEqual({
      status: 413,
      code: 'BAD_USER_INPUT',
      message: 'request body exceeds 100 bytes',
    });
  });

  it('asks for a Content-Length (411) when there is none or it is not a number', () => {
    expect(bodySizeRefusal(post({}), 100)?.status).toBe(411);
    expect(bodySizeRefusal(post({ 'content-length': 'lots' }), 100)?.status).toBe(411);
  });
});

describe('boundedLabels', () => {
  it('keeps the first names and maps later new ones to "other"', () => {
    const label = boundedLabels(2);
    expect([label('a'), label('b'), label('c'), label('a'), label('b'), label('d')]).toEqual([
      'a',
      'b',
      'other',
      'a',
      'b',
      'other',
    ]);
  });
});

describe('pathOf', () => {
  it('strips the query and fragment of a request target', () => {
    expect(pathOf('/graphql?query=%7Bhello%7D')).toBe('/graphql');
    expect(pathOf('/metrics#x')).toBe('/metrics');
    expect(pathOf('/healthz')).toBe('/healthz');
    expect(pathOf(undefined)).toBe('/');
    expect(pathOf('')).toBe('/');
  });
});
