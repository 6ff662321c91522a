// Decision logic of scripts/check-licenses.mjs: walk the production dependency tree of the
// workspaces through node_modules (Node's resolution), read each package's licence, and judge it
// against an allow-list (SPDX expressions: OR needs one allowed side, AND needs both).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The licence of a package.json as one SPDX-like expression (legacy `licenses` arrays become an
 * OR, `{ type }` objects their type); null when it declares none.
 * @param {{license?: unknown, licenses?: unknown}} pkg
 * @returns {string | null}
 */
export function licenseOf(pkg) {
  const one = (/** @type {unknown} */ l) =>
    typeof l === 'string'
      ? l
      : l && typeof l === 'object' && 'type' in l && typeof l.type === 'string'
        ? l.type
        : null;
  const direct = one(pkg.license);
  if (direct) return direct.trim();
  if (Array.isArray(pkg.licenses)) {
    const all = pkg.licenses.map(one).filter((l) => l !== null);
    if (all.length > 0) return all.length === 1 ? all[0] : `(${all.join(' OR ')})`;
  }
  return null;
}

/**
 * True when an SPDX expression is acceptable under `allowed` (ids compared case-insensitively,
 * `+` and `-only`/`-or-later` suffixes kept as written; `X WITH exception` judged on X).
 * @param {string} expression
 * @param {Set<string>} allowed lower-case SPDX ids
 */
export function isAllowedExpression(expression, allowed) {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  /** @returns {boolean} */
  const primary = () => {
    const t = tokens[i++];
    if (t === undefined) return false;
    if (t === '(') {
      const v = orExpr();
      if (tokens[i] === ')') i += 1;
      return v;
    }
    const ok = allowed.has(t.toLowerCase());
    // `X WITH exception`: an exception only grants more permissions, so judge the base licence X
    if (tokens[i]?.toUpperCase() === 'WITH') i += 2;
    return ok;
  };
  const andExpr = () => {
    let v = primary();
    while (tokens[i]?.toUpperCase() === 'AND') {
      i += 1;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = () => {
    let v = andExpr();
    while (tokens[i]?.toUpperCase() === 'OR') {
      i += 1;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const result = orExpr();
  return result && i >= tokens.length;
}

/**
 * @typedef {{name: string, version: string, license: string | null, dir: string, chain: string[]}} Dependency
 *   chain: workspace first, then each package on the way (the path an offender is reported with)
 */

/**
 * Where Node would load `name` from when required inside `fromDir`: the nearest
 * node_modules/<name> walking up to `root`; null when not installed.
 * @param {string} name
 * @param {string} fromDir
 * @param {string} root
 */
export function resolvePackageDir(name, fromDir, root) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (relative(root, dir) === '' || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

/**
 * Every package reachable from the workspaces' `dependencies`, `optionalDependencies` and
 * installed `peerDependencies` (never devDependencies), each once, with the first chain found
 * (breadth first, so the shortest). Workspaces are roots, not reported. Missing optional or peer
 * dependencies are skipped; a missing required one is listed in `missing`.
 * @param {string} root repository root
 * @param {string[]} workspaceDirs absolute directories of the workspaces
 * @returns {{dependencies: Dependency[], missing: string[]}}
 */
export function productionTree(root, workspaceDirs) {
  const workspaces = new Set(workspaceDirs.map((d) => realpathSync(d)));
  /** @type {Map<string, Dependency>} */
  const seen = new Map();
  /** @type {string[]} */
  const missing = [];
  /** @type {{dir: string, chain: string[]}[]} */
  const queue = [...workspaces].map((dir) => ({ dir, chain: [] }));
  while (queue.length > 0) {
    const { dir, chain } = /** @type {{dir: string, chain: string[]}} */ (queue.shift());
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const here = [...chain, `${pkg.name}@${pkg.version}`];
    const edges = [
      ...Object.keys(pkg.dependencies ?? {}).map((n) => ({
        n,
        required: !(n in (pkg.optionalDependencies ?? {})),
      })),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((n) => ({ n, required: false })),
      // peers, optional ones included when installed: npm's lockfile marks what they pull in as
      // production (not `dev`), so `npm ci --omit=dev` installs it (e.g. prisma under @prisma/client)
      ...Object.keys(pkg.peerDependencies ?? {}).map((n) => ({ n, required: false })),
    ];
    for (const { n, required } of edges) {
      const depDir = resolvePackageDir(n, dir, root);
      if (depDir === null) {
        if (required) missing.push(`${here.join(' > ')} > ${n}`);
        continue;
      }
      if (workspaces.has(depDir)) continue; // walked from its own root already
      if (seen.has(depDir)) continue;
      const depPkg = JSON.parse(readFileSync(join(depDir, 'package.json'), 'utf8'));
      seen.set(depDir, {
        name: depPkg.name ?? n,
        version: depPkg.version ?? '?',
        license: licenseOf(depPkg),
        dir: relative(root, depDir),
        chain: here,
      });
      queue.push({ dir: depDir, chain: here });
    }
  }
  return { dependencies: [...seen.values()], missing };
}

/**
 * @typedef {{allowed: Record<string, string>, exceptions: {name: string, license: string, reason: string}[]}} Policy
 *   allowed: SPDX id -> note ('' when none); an exception holds for that package only while its
 *   licence stays exactly the one recorded, so a licence change is reviewed again
 */

/**
 * Judges every dependency: offenders (not allowed, not excepted), excepted ones, and allowed
 * ones whose licence carries a note (weak copyleft, data licences).
 * @param {Dependency[]} dependencies
 * @param {Policy} policy
 */
export function judge(dependencies, policy) {
  const allowed = new Set(Object.keys(policy.allowed).map((id) => id.toLowerCase()));
  const noteOf = new Map(Object.entries(policy.allowed).map(([id, note]) => [id.toLowerCase(), note]));
  /** @type {Dependency[]} */
  const offenders = [];
  /** @type {{dependency: Dependency, reason: string}[]} */
  const excepted = [];
  /** @type {{dependency: Dependency, note: string}[]} */
  const noted = [];
  for (const d of dependencies) {
    const exception = policy.exceptions.find(
      (e) => e.name === d.name && e.license === (d.license ?? 'UNKNOWN'),
    );
    if (d.license !== null && isAllowedExpression(d.license, allowed)) {
      const notes = (d.license.match(/[^\s()]+/g) ?? [])
        .map((t) => noteOf.get(t.toLowerCase()))
        .filter((n) => n !== undefined && n !== '');
      if (notes.length > 0) noted.push({ dependency: d, note: notes.join('; ') });
    } else if (exception) {
      excepted.push({ dependency: d, reason: exception.reason });
    } else {
      offenders.push(d);
    }
  }
  const byName = (/** @type {{name: string}} */ a, /** @type {{name: string}} */ b) =>
    a.name.localeCompare(b.name);
  offenders.sort(byName);
  return { offenders, excepted, noted };
}
