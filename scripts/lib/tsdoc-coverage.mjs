// Reads TypeDoc's `notDocumented` validation warnings and counts them per package. An exported
// symbol (`Entity`) counts towards the gate; a member (`Embedder.embed`) is reported only,
// because STYLE.md asks for TSDoc on exports and lets the types describe their members.

/**
 * @param {string} output TypeDoc's console output (colours allowed)
 * @returns {{pkg: string, symbol: string, kind: string, file: string, exported: boolean}[]}
 */
export function parseNotDocumented(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const found = [];
  const re = /^\[warning\] (.+?) \((\w+)\), defined in (.+?), does not have any documentation$/gm;
  for (const m of plain.matchAll(re)) {
    const [, qualified = '', kind = '', where = ''] = m;
    // with several entry points TypeDoc prefixes the module (`core/src.Entity`); a function shows
    // as its CallSignature under the function's own name, so it stays an export
    const symbol = qualified.replace(/^[\w@-]+(?:\/[\w-]+)*\/src\./, '');
    const scoped = /^(@[^/]+\/[^/]+)\/(.+)$/.exec(where);
    found.push({
      pkg: scoped?.[1] ?? '(unknown)',
      symbol,
      kind,
      file: scoped?.[2] ?? where,
      exported: !symbol.includes('.'),
    });
  }
  return found;
}

/**
 * Per-package counts, every package of `packages` listed even at zero.
 * @param {ReturnType<typeof parseNotDocumented>} items
 * @param {string[]} packages
 */
export function countByPackage(items, packages) {
  /** @type {Map<string, {exported: number, members: number}>} */
  const counts = new Map(packages.map((p) => [p, { exported: 0, members: 0 }]));
  for (const i of items) {
    const c = counts.get(i.pkg) ?? { exported: 0, members: 0 };
    if (i.exported) c.exported += 1;
    else c.members += 1;
    counts.set(i.pkg, c);
  }
  return counts;
}
