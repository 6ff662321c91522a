import { describe, expect, it } from 'vitest';
import { adaptPolicy, DEFAULT_PRUNING_POLICY, processMemory, RateMeter } from './adaptive';

const quiet = { heapUsedBytes: 100, heapLimitBytes: 1000, activeEntities: 10, queriesPerMinute: 0 };

describe('adaptPolicy', () => {
  it('keeps the base policy when idle and without pressure', () => {
    const a = adaptPolicy(DEFAULT_PRUNING_POLICY, quiet);
    expect(a).toMatchObject({ pressure: 0, idle: true, runNow: true });
    expect(a.policy).toEqual(DEFAULT_PRUNING_POLICY);
  });

  it('archives sooner under memory pressure', () => {
    const a = adaptPolicy(DEFAULT_PRUNING_POLICY, { ...quiet, heapUsedBytes: 950 });
    expect(a.pressure).toBeCloseTo(0.875);
    expect(a.policy.archiveAfterMs).toBeLessThan(DEFAULT_PRUNING_POLICY.archiveAfterMs * 0.5);
    expect(a.policy.archiveAfterMs).toBeGreaterThanOrEqual(DEFAULT_PRUNING_POLICY.archiveAfterMs * 0.25);
  });

  it('archives sooner when the active set outgrows the capacity', () => {
    const a = adaptPolicy(
      { ...DEFAULT_PRUNING_POLICY, activeCapacity: 1000 },
      { ...quiet, activeEntities: 1000 },
    );
    expect(a.pressure).toBe(1);
    expect(a.policy.inactiveAfterMs).toBe(DEFAULT_PRUNING_POLICY.inactiveAfterMs * 0.25);
  });

  it('waits for idle under query load with small batches, unless pressure is critical', () => {
    const busy = adaptPolicy(DEFAULT_PRUNING_POLICY, { ...quiet, queriesPerMinute: 600 });
    expect(busy).toMatchObject({ idle: false, runNow: false });
    expect(busy.policy.batchSize).toBe(250);
    const critical = adaptPolicy(DEFAULT_PRUNING_POLICY, {
      ...quiet,
      queriesPerMinute: 600,
      heapUsedBytes: 990,
    });
    expect(critical.runNow).toBe(true);
  });
});

describe('RateMeter', () => {
  it('counts events in a sliding window and forgets old ones', () => {
    let t = 1_000_000;
    const meter = new RateMeter(10, () => t);
    meter.record(5);
    t += 3000;
    meter.record(5);
    expect(meter.perMinute()).toBe(60);
    t += 8000; // first bucket left the window
    expect(meter.perMinute()).toBe(30);
    t += 20_000;
    expect(meter.perMinute()).toBe(0);
  });
});

describe('processMemory', () => {
  it('reports a real heap below its limit', () => {
    const m = processMemory();
    expect(m.heapUsedBytes).toBeGreaterThan(0);
    expect(m.heapLimitBytes).toBeGreaterThan(m.heapUsedBytes);
  });
});
