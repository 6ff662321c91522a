import { describe, expect, it } from 'vitest';
import { classifyAudit, judgeAudit } from './audit.mjs';

/** The shape of `npm audit --json` (auditReportVersion 2) with one high and one moderate finding. */
const report = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    ws: {
      name: 'ws',
      severity: 'high',
      isDirect: true,
      via: [
        {
          source: 1098392,
          name: 'ws',
          title: 'ws DoS',
          url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q',
          severity: 'high',
        },
      ],
      fixAvailable: true,
    },
    'graphql-yoga': { name: 'graphql-yoga', severity: 'high', via: ['ws'], fixAvailable: false },
    cookie: {
      name: 'cookie',
      severity: 'moderate',
      via: [{ source: 1, title: 'cookie oob', url: 'https://github.com/advisories/GHSA-pxg6-pf52-xh8x' }],
    },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 0, total: 3 } },
});

describe('classifyAudit', () => {
  it('reads findings with their advisory ids from a report', () => {
    const outcome = classifyAudit(report);
    expect(outcome.kind).toBe('report');
    if (outcome.kind !== 'report') return;
    expect(outcome.findings.map((f) => [f.name, f.severity, f.advisories.map((a) => a.id)])).toEqual([
      ['ws', 'high', ['GHSA-3h5v-q93c-6h6q']],
      ['graphql-yoga', 'high', []],
      ['cookie', 'moderate', ['GHSA-pxg6-pf52-xh8x']],
    ]);
    expect(outcome.counts.high).toBe(2);
  });

  it('treats an unreachable or refusing audit endpoint as a skip, not a clean report', () => {
    const refused = classifyAudit(
      JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
        error: { summary: '' },
      }),
    );
    expect(refused).toEqual({ kind: 'skip', reason: expect.stringMatching(/HTTP 405/) });
    expect(
      classifyAudit(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND' } })),
    ).toEqual({
      kind: 'skip',
      reason: expect.stringMatching(/ENOTFOUND/),
    });
    expect(classifyAudit('').kind).toBe('skip');
  });

  it('a report without findings is clean', () => {
    const outcome = classifyAudit(
      JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }),
    );
    expect(outcome).toEqual({ kind: 'report', findings: [], counts: {} });
  });
});

describe('judgeAudit', () => {
  const outcome = classifyAudit(report);
  const findings = outcome.kind === 'report' ? outcome.findings : [];

  it('blocks every unjustified high or critical finding, never moderate ones', () => {
    expect(judgeAudit(findings, []).blocking.map((f) => f.name)).toEqual(['ws', 'graphql-yoga']);
  });

  it('accepts findings justified by advisory id or by package name', () => {
    const { blocking, justified } = judgeAudit(findings, [
      { id: 'GHSA-3h5v-q93c-6h6q', reason: 'server-side only behind the proxy limit' },
      { id: 'graphql-yoga', reason: 'only via ws, see above' },
    ]);
    expect(blocking).toEqual([]);
    expect(justified.map((j) => j.reason)).toEqual([
      'server-side only behind the proxy limit',
      'only via ws, see above',
    ]);
  });
});
