import { describe, expect, it } from 'vitest';
import { conversationHref, entityHref, graphHref, routeId, runHref } from './routes';

// Relay-style global ids are base64 and end in `=`; some carry `/` or `+` too.
const globalId = 'RW50aXR5Oi8x+/=';

describe('page paths', () => {
  it('encodes the id into each page path', () => {
    const encoded = encodeURIComponent(globalId);
    expect(conversationHref(globalId)).toBe(`/chat/${encoded}`);
    expect(entityHref(globalId)).toBe(`/entities/${encoded}`);
    expect(runHref(globalId)).toBe(`/runs/${encoded}`);
    expect(graphHref(globalId)).toBe(`/graph/${encoded}`);
    expect(entityHref(globalId)).not.toContain('=');
  });
});

describe('routeId', () => {
  it('decodes a segment Next hands over still encoded, back to the id of the link', () => {
    const segment = entityHref(globalId).split('/')[2]!;
    expect(routeId(segment)).toBe(globalId);
  });

  it('returns an already decoded segment unchanged', () => {
    expect(routeId(globalId)).toBe(globalId);
  });

  it('keeps a malformed escape as it is instead of throwing', () => {
    expect(routeId('abc%E0%A4%A')).toBe('abc%E0%A4%A');
  });
});
