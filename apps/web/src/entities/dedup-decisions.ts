'use client';

import { useCallback, useEffect, useState } from 'react';

/** Similarity from which the review panel offers a pair as a possible duplicate. */
export const DUPLICATE_THRESHOLD = 0.9;

/** A reviewer's verdict on a candidate pair. */
export type DedupDecision = 'merged' | 'distinct';

const KEY = 'rustygpt:dedup-decisions';

function load(): Record<string, DedupDecision> {
  try {
    return JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Record<string, DedupDecision>;
  } catch {
    return {};
  }
}

/**
 * Review decisions on duplicate candidates. Merges go to the API; "keep separate" verdicts are
 * remembered in this browser until the API offers dedup-candidate storage (see docs/WEB.md).
 */
export function useDedupDecisions(entityId: string): {
  decisionOf: (otherId: string) => DedupDecision | null;
  decide: (otherId: string, decision: DedupDecision) => void;
} {
  const [decisions, setDecisions] = useState<Record<string, DedupDecision>>({});
  useEffect(() => setDecisions(load()), []);
  const pair = useCallback((otherId: string) => [entityId, otherId].sort().join('|'), [entityId]);
  const decisionOf = useCallback((otherId: string) => decisions[pair(otherId)] ?? null, [decisions, pair]);
  const decide = useCallback(
    (otherId: string, decision: DedupDecision) => {
      const next = { ...load(), [pair(otherId)]: decision };
      window.localStorage.setItem(KEY, JSON.stringify(next));
      setDecisions(next);
    },
    [pair],
  );
  return { decisionOf, decide };
}
