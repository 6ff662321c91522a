import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_PRUNING_POLICY } from './adaptive';
import { planMoves, targetState } from './pruning';

const now = new Date('2026-06-01T00:00:00Z');
const row = (id: number, state: 'active' | 'inactive' | 'archived', days: number, usageCount = 0) => ({
  id,
  state,
  touchedAt: new Date(now.getTime() - days * DAY_MS),
  usageCount,
});

describe('targetState', () => {
  it('follows the thresholds, giving frequently used entities twice the time', () => {
    const p = DEFAULT_PRUNING_POLICY;
    expect(targetState(row(1, 'active', 29), p, now)).toBe('active');
    expect(targetState(row(1, 'active', 31), p, now)).toBe('inactive');
    expect(targetState(row(1, 'active', 91), p, now)).toBe('archived');
    expect(targetState(row(1, 'active', 91, p.keepUsage), p, now)).toBe('inactive');
  });
});

describe('planMoves', () => {
  it('plans every tier move in prune mode and only inactive -> archived in archive mode', () => {
    const rows = [
      row(1, 'active', 40),
      row(2, 'active', 100),
      row(3, 'inactive', 100),
      row(4, 'archived', 1),
      row(5, 'inactive', 1),
    ];
    expect(planMoves(rows, DEFAULT_PRUNING_POLICY, now, 'prune')).toEqual({
      deactivate: [1],
      archive: [2, 3],
      reactivate: [4, 5],
    });
    expect(planMoves(rows, DEFAULT_PRUNING_POLICY, now, 'archive')).toEqual({
      deactivate: [],
      archive: [3],
      reactivate: [],
    });
  });
});
