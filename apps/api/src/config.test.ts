import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to local mode on loopback when no JWT secret is set', () => {
    const config = loadConfig({});
    expect(config.auth.mode).toBe('local');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
  });

  it('switches to token auth when a JWT secret is configured', () => {
    const config = loadConfig({ RUSTYGPT_JWT_SECRET: 'x'.repeat(32) });
    expect(config.auth.mode).toBe('token');
  });

  it('refuses local mode on a non-loopback host', () => {
    expect(() => loadConfig({ RUSTYGPT_HOST: '0.0.0.0' })).toThrow(/only allowed on a loopback host/);
    expect(() => loadConfig({}, { host: '0.0.0.0' })).toThrow(/RUSTYGPT_AUTH/);
  });

  it('lists every bad value in one message', () => {
    let message = '';
    try {
      loadConfig({ RUSTYGPT_PORT: 'abc', RUSTYGPT_JWT_SECRET: 'short', REDIS_URL: 'nope' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('RUSTYGPT_PORT');
    expect(message).toContain('RUSTYGPT_JWT_SECRET: must be at least 32 characters');
    expect(message).toContain('REDIS_URL');
  });

  it('reads the stream token delay (default 0) and rejects negative or huge values', () => {
    expect(loadConfig({}).streamTokenDelayMs).toBe(0);
    expect(loadConfig({ RUSTYGPT_STREAM_TOKEN_DELAY_MS: '40' }).streamTokenDelayMs).toBe(40);
    expect(() => loadConfig({ RUSTYGPT_STREAM_TOKEN_DELAY_MS: '-1' })).toThrow(
      /RUSTYGPT_STREAM_TOKEN_DELAY_MS/,
    );
    expect(() => loadConfig({ RUSTYGPT_STREAM_TOKEN_DELAY_MS: '60000' })).toThrow(
      /RUSTYGPT_STREAM_TOKEN_DELAY_MS/,
    );
    expect(() => loadConfig({ RUSTYGPT_STREAM_TOKEN_DELAY_MS: 'slow' })).toThrow(
      /RUSTYGPT_STREAM_TOKEN_DELAY_MS/,
    );
  });

  it('parses admin emails case-insensitively', () => {
    const config = loadConfig({ RUSTYGPT_ADMIN_EMAILS: ' Ada@Example.org, bob@x.io ' });
    expect(config.auth.adminEmails).toEqual(['ada@example.org', 'bob@x.io']);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['example.org', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
