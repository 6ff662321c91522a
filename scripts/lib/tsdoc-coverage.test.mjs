import { describe, expect, it } from 'vitest';
import { countByPackage, parseNotDocumented } from './tsdoc-coverage.mjs';

const output = [
  '\u001b[93m[warning]\u001b[0m Entity (Interface), defined in @rustygpt/core/src/domain.ts, does not have any documentation',
  '[warning] Embedder.embed (CallSignature), defined in @rustygpt/core/src/ports.ts, does not have any documentation',
  '[warning] store/src.openStore (CallSignature), defined in @rustygpt/store/src/open.ts, does not have any documentation',
  '[warning] models/src.gguf.__type.bool (Property), defined in @rustygpt/models/src/gguf.ts, does not have any documentation',
  '[warning] The glob x did not match any files',
  '[warning] Found 0 errors and 4 warnings',
].join('\n');

describe('TSDoc coverage', () => {
  it('parses notDocumented warnings, telling exported symbols from members', () => {
    expect(parseNotDocumented(output)).toEqual([
      { pkg: '@rustygpt/core', symbol: 'Entity', kind: 'Interface', file: 'src/domain.ts', exported: true },
      {
        pkg: '@rustygpt/core',
        symbol: 'Embedder.embed',
        kind: 'CallSignature',
        file: 'src/ports.ts',
        exported: false,
      },
      {
        pkg: '@rustygpt/store',
        symbol: 'openStore',
        kind: 'CallSignature',
        file: 'src/open.ts',
        exported: true,
      },
      {
        pkg: '@rustygpt/models',
        symbol: 'gguf.__type.bool',
        kind: 'Property',
        file: 'src/gguf.ts',
        exported: false,
      },
    ]);
  });

  it('counts per package and lists packages with nothing missing', () => {
    const counts = countByPackage(parseNotDocumented(output), [
      '@rustygpt/core',
      '@rustygpt/store',
      '@rustygpt/models',
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      '@rustygpt/core': { exported: 1, members: 1 },
      '@rustygpt/store': { exported: 1, members: 0 },
      '@rustygpt/models': { exported: 0, members: 1 },
    });
  });
});
