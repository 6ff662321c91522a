#!/usr/bin/env node
// The npm registry reachable here lacks a few platform-only optional packages (turbo's darwin and
// windows binaries, lefthook's android one). `npm install` tolerates that and leaves them out of
// package-lock.json, but `npm ci` then refuses the lock as out of sync. This adds lock entries for
// those optional packages, with their os/cpu, so `npm ci` accepts the lock and skips them as
// platform-incompatible on Linux. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform = (name) => {
  const os = /darwin|mac-/.test(name)
    ? 'darwin'
    : /windows|win32|win-/.test(name)
      ? 'win32'
      : /android/.test(name)
        ? 'android'
        : /freebsd/.test(name)
          ? 'freebsd'
          : /openbsd/.test(name)
            ? 'openbsd'
            : 'linux';
  const cpu = /arm64/.test(name) ? 'arm64' : /armv7|arm\b/.test(name) ? 'arm' : 'x64';
  return { os: [os], cpu: [cpu] };
};
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path === '' ? '' : `${path}/`;
    const candidates = [`${base}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => lock.packages[c])) continue;
    const { os, cpu } = platform(dep);
    if (os[0] === 'linux' && cpu[0] === 'x64') continue; // needed here: never paper over it
    lock.packages[`node_modules/${dep}`] = { version, optional: true, os, cpu };
    added += 1;
    console.log(`added lock entry for optional ${dep}@${version} (${os[0]}/${cpu[0]})`);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} entries added`);
