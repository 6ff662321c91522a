// Decision logic of scripts/audit.mjs: read `npm audit --omit=dev --json`, tell "the advisory
// service could not be asked" (a skip, never a pass) from a real report, and fail on every high or
// critical advisory that scripts/audit-justifications.json does not justify.

/** Severities that fail the gate unless justified. */
export const BLOCKING = new Set(['high', 'critical']);

/**
 * @typedef {{name: string, severity: string, advisories: {id: string, title: string, url: string}[], fixAvailable: unknown}} Finding
 * @typedef {{kind: 'skip', reason: string} | {kind: 'report', findings: Finding[], counts: Record<string, number>}} AuditOutcome
 */

/**
 * Classifies npm audit's JSON output. Network errors, HTTP errors from the audit endpoint (a
 * registry mirror answering 405/404, an offline machine) and unparsable output are skips.
 * @param {string} stdout
 * @returns {AuditOutcome}
 */
export function classifyAudit(stdout) {
  /** @type {Record<string, unknown>} */
  let json;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: 'skip', reason: 'npm audit printed no JSON (registry unreachable?)' };
  }
  if (json === null || typeof json !== 'object')
    return { kind: 'skip', reason: 'npm audit printed no report' };
  if (!('vulnerabilities' in json)) {
    const status = typeof json.statusCode === 'number' ? ` HTTP ${json.statusCode}` : '';
    const err = /** @type {{code?: string, summary?: string}} */ (json.error ?? {});
    const message =
      typeof json.message === 'string' ? json.message : (err.summary ?? err.code ?? 'unknown error');
    return { kind: 'skip', reason: `the audit endpoint could not be asked:${status} ${message}`.trim() };
  }
  const vulnerabilities =
    /** @type {Record<string, {name?: string, severity: string, via?: unknown[], fixAvailable?: unknown}>} */ (
      json.vulnerabilities ?? {}
    );
  /** @type {Finding[]} */
  const findings = Object.entries(vulnerabilities).map(([name, v]) => ({
    name: v.name ?? name,
    severity: v.severity,
    advisories: (v.via ?? [])
      .filter((x) => x !== null && typeof x === 'object')
      .map((x) => {
        const a = /** @type {{source?: number, url?: string, title?: string}} */ (x);
        const url = a.url ?? '';
        return { id: url.split('/').pop() || String(a.source ?? ''), title: a.title ?? '', url };
      }),
    fixAvailable: v.fixAvailable,
  }));
  const meta = /** @type {{vulnerabilities?: Record<string, number>}} */ (json.metadata ?? {});
  return { kind: 'report', findings, counts: meta.vulnerabilities ?? {} };
}

/**
 * Splits findings into blocking (high/critical, unjustified) and justified ones. A justification
 * names an advisory id (GHSA-...) or a package name, with the reason.
 * @param {Finding[]} findings
 * @param {{id: string, reason: string}[]} justifications
 */
export function judgeAudit(findings, justifications) {
  const reasonFor = (/** @type {Finding} */ f) =>
    justifications.find((j) => j.id === f.name || f.advisories.some((a) => a.id === j.id))?.reason;
  /** @type {Finding[]} */
  const blocking = [];
  /** @type {{finding: Finding, reason: string}[]} */
  const justified = [];
  for (const f of findings) {
    if (!BLOCKING.has(f.severity)) continue;
    const reason = reasonFor(f);
    if (reason === undefined) blocking.push(f);
    else justified.push({ finding: f, reason });
  }
  return { blocking, justified };
}
