import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedExpression, judge, licenseOf, productionTree } from './licenses.mjs';

const allowed = new Set(['mit', 'isc', 'apache-2.0', 'bsd-3-clause', 'mpl-2.0']);

describe('licenseOf', () => {
  it('reads SPDX strings, { type } objects and legacy licenses arrays', () => {
    expect(licenseOf({ license: ' MIT ' })).toBe('MIT');
    expect(licenseOf({ license: { type: 'ISC', url: 'x' } })).toBe('ISC');
    expect(licenseOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(licenseOf({ licenses: [{ type: 'BSD-3-Clause' }] })).toBe('BSD-3-Clause');
    expect(licenseOf({})).toBeNull();
  });
});

describe('isAllowedExpression', () => {
  it.each([
    ['MIT', true],
    ['mit', true],
    ['GPL-3.0', false],
    ['(MIT OR GPL-3.0)', true],
    ['GPL-3.0 OR Apache-2.0', true],
    ['MIT AND GPL-3.0', false],
    ['MIT and ISC', true],
    ['(MIT AND ISC) OR GPL-2.0', true],
    ['GPL-2.0 OR (MIT AND LGPL-3.0)', false],
    ['Apache-2.0 WITH LLVM-exception', true],
    ['GPL-2.0 WITH Classpath-exception-2.0', false],
    ['SEE LICENSE IN LICENSE.md', false],
    ['UNLICENSED', false],
    ['', false],
  ])('%s -> %s', (expression, expected) => {
    expect(isAllowedExpression(expression, allowed)).toBe(expected);
  });
});

describe('productionTree', () => {
  let root = '';
  const pkg = (dir, json) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify(json));
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'quality-licenses-'));
    pkg(join(root, 'packages', 'a'), {
      name: '@x/a',
      version: '1.0.0',
      dependencies: { prod: '^1', '@x/b': '*', absent: '^1' },
      optionalDependencies: { 'opt-missing': '^1' },
      devDependencies: { devonly: '^1' },
    });
    pkg(join(root, 'packages', 'b'), { name: '@x/b', version: '1.0.0', dependencies: { shared: '^1' } });
    mkdirSync(join(root, 'node_modules', '@x'), { recursive: true });
    symlinkSync(join(root, 'packages', 'b'), join(root, 'node_modules', '@x', 'b'));
    pkg(join(root, 'node_modules', 'prod'), {
      name: 'prod',
      version: '1.0.0',
      license: 'MIT',
      dependencies: { shared: '^2', gpl: '^1' },
      peerDependencies: { peer: '*', 'peer-absent': '*' },
    });
    // prod needs shared@2, nested under it; the hoisted shared@1 serves @x/b
    pkg(join(root, 'node_modules', 'prod', 'node_modules', 'shared'), {
      name: 'shared',
      version: '2.0.0',
      license: 'ISC',
    });
    pkg(join(root, 'node_modules', 'shared'), { name: 'shared', version: '1.0.0', license: 'ISC' });
    pkg(join(root, 'node_modules', 'gpl'), { name: 'gpl', version: '1.0.0', license: 'GPL-3.0-only' });
    pkg(join(root, 'node_modules', 'peer'), { name: 'peer', version: '1.0.0', license: 'MPL-2.0' });
    pkg(join(root, 'node_modules', 'devonly'), {
      name: 'devonly',
      version: '1.0.0',
      license: 'GPL-3.0-only',
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks dependencies (nested before hoisted), peers and workspaces, never devDependencies', () => {
    const { dependencies, missing } = productionTree(root, [
      join(root, 'packages', 'a'),
      join(root, 'packages', 'b'),
    ]);
    const found = dependencies.map((d) => `${d.name}@${d.version}`).sort();
    expect(found).toEqual(['gpl@1.0.0', 'peer@1.0.0', 'prod@1.0.0', 'shared@1.0.0', 'shared@2.0.0']);
    expect(missing).toEqual(['@x/a@1.0.0 > absent']);
    const gpl = dependencies.find((d) => d.name === 'gpl');
    expect(gpl?.chain).toEqual(['@x/a@1.0.0', 'prod@1.0.0']);
    expect(gpl?.dir).toBe(join('node_modules', 'gpl'));
  });

  it('judges offenders, exceptions (only for the recorded licence) and noted licences', () => {
    const { dependencies } = productionTree(root, [join(root, 'packages', 'a'), join(root, 'packages', 'b')]);
    const policy = {
      allowed: { MIT: '', ISC: '', 'MPL-2.0': 'weak copyleft' },
      exceptions: [{ name: 'gpl', license: 'GPL-2.0-only', reason: 'an older licence' }],
    };
    const first = judge(dependencies, policy);
    expect(first.offenders.map((d) => d.name)).toEqual(['gpl']);
    expect(first.noted.map((n) => [n.dependency.name, n.note])).toEqual([['peer', 'weak copyleft']]);

    const excepted = judge(dependencies, {
      ...policy,
      exceptions: [{ name: 'gpl', license: 'GPL-3.0-only', reason: 'build tool only' }],
    });
    expect(excepted.offenders).toEqual([]);
    expect(excepted.excepted.map((e) => [e.dependency.name, e.reason])).toEqual([['gpl', 'build tool only']]);
  });
});
