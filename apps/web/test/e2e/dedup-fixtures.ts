/**
 * Near-duplicates of demo moons that the seed (seed.ts) adds and queues for review, so the
 * duplicate review tests find pending pairs. Each is named "<moon> (moon)" with the moon's name
 * as an alias, same type, no attributes: an alias match alone scores 0.68, inside the review band
 * (0.6–0.9), so dedup queues the pair instead of merging it.
 */
export const DUPLICATES = {
  /** Merged from the review queue, then the merge is undone. */
  merge: {
    key: 'e2e:triton-duplicate',
    type: 'Moon',
    name: 'Triton (moon)',
    aliases: ['Triton'],
    of: 'Triton',
  },
  /** Kept separate from the entity page. */
  separate: {
    key: 'e2e:enceladus-duplicate',
    type: 'Moon',
    name: 'Enceladus (moon)',
    aliases: ['Enceladus'],
    of: 'Enceladus',
  },
} as const;
