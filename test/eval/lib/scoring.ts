/** Scoring of the reasoning dev set: answer items against expected items, as sets. */
import { normalizeText } from '@rustygpt/core';

/** A comparable form of one answer item (numbers compared by value). */
export function canonical(item: string): string {
  const trimmed = item.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return String(Number(trimmed));
  return normalizeText(trimmed);
}

/** True when the answer items are exactly the expected set (order-insensitive). */
export function itemsMatch(items: readonly string[], expected: readonly string[]): boolean {
  const a = new Set(items.flatMap((i) => i.split(/,\s*/)).map(canonical));
  const b = new Set(expected.flatMap((i) => i.split(/,\s*/)).map(canonical));
  if (a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}

/** Percentile of sorted-or-not samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
