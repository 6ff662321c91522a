#!/usr/bin/env node
// Gate (needs the registry, so not part of the offline `npm test`): `npm audit --omit=dev` over the
// production dependencies. Exit 0: audited, no unjustified high/critical advisory. Exit 1: some.
// Exit 78: SKIPPED, the advisory service could not be asked (offline, or a registry mirror that
// rejects the audit endpoint) - reported as a skip, never as a pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyAudit, judgeAudit } from './lib/audit.mjs';

const root = new URL('..', import.meta.url).pathname;
const { justifications } = JSON.parse(
  readFileSync(join(root, 'scripts', 'audit-justifications.json'), 'utf8'),
);
const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const outcome = classifyAudit(result.stdout ?? '');

if (outcome.kind === 'skip') {
  console.log(`audit: SKIPPED (not a pass): ${outcome.reason}`);
  process.exit(78);
}
const { blocking, justified } = judgeAudit(outcome.findings, justifications);
const counts = Object.entries(outcome.counts)
  .filter(([k]) => k !== 'total')
  .map(([k, v]) => `${k} ${v}`)
  .join(', ');
console.log(`audit: ${outcome.findings.length} vulnerable production package(s) (${counts || 'none'})`);
for (const f of outcome.findings)
  console.log(
    `  ${f.severity.padEnd(8)} ${f.name}  ${f.advisories.map((a) => `${a.id} ${a.title}`).join('; ')}`,
  );
for (const { finding, reason } of justified) console.log(`  justified: ${finding.name}: ${reason}`);
if (blocking.length > 0) {
  console.error(
    `audit: FAIL: ${blocking.length} unjustified high/critical: ${blocking.map((f) => f.name).join(', ')}`,
  );
  console.error(
    'Update the package (npm audit fix --omit=dev), or justify it in scripts/audit-justifications.json.',
  );
  process.exit(1);
}
console.log('audit: pass');
