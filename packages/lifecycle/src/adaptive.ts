/**
 * Pruning thresholds that follow the load: how long an entity may go unused before it becomes
 * inactive or archived shrinks as memory and the active set grow, and batches run only when the
 * system is idle (few recent queries) unless memory pressure is critical.
 */
import { getHeapStatistics } from 'node:v8';

/** The pruning policy at rest (no pressure). */
export interface PruningPolicy {
  /** Unused this long: active -> inactive. */
  inactiveAfterMs: number;
  /** Unused this long: inactive -> archived. */
  archiveAfterMs: number;
  /** Entities used at least this often stay active twice as long. */
  keepUsage: number;
  /** Entities per batch (one small transaction each). */
  batchSize: number;
  /** Active entities the process is sized for; above it, pressure rises. */
  activeCapacity: number;
  /** Queries per minute under which the system counts as idle. */
  idleQueriesPerMinute: number;
}

/** One day in milliseconds, the unit of the pruning thresholds. */
export const DAY_MS = 86_400_000;

/** Defaults: inactive after 30 days, archived after 90, 1M active entities per process. */
export const DEFAULT_PRUNING_POLICY: PruningPolicy = {
  inactiveAfterMs: 30 * DAY_MS,
  archiveAfterMs: 90 * DAY_MS,
  keepUsage: 10,
  batchSize: 1000,
  activeCapacity: 1_000_000,
  idleQueriesPerMinute: 30,
};

/** What the load looks like now. */
export interface LoadSignals {
  heapUsedBytes: number;
  heapLimitBytes: number;
  activeEntities: number;
  queriesPerMinute: number;
}

/** The policy in force under a load, and why. */
export interface AdaptedPolicy {
  policy: PruningPolicy;
  /** 0 (none) .. 1 (critical): max of heap and active-set pressure. */
  pressure: number;
  idle: boolean;
  /** Run a batch now: idle, or pressure critical (>= 0.9). */
  runNow: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : lo));

/**
 * Adapts `base` to `signals`: heap pressure counts above 60 % of the heap limit, active-set
 * pressure above 50 % of capacity; above 0.5 pressure the idle times shrink linearly down to a
 * quarter at full pressure. When busy, batches shrink to a quarter so transactions stay short.
 */
export function adaptPolicy(base: PruningPolicy, signals: LoadSignals): AdaptedPolicy {
  const heap =
    signals.heapLimitBytes > 0
      ? clamp((signals.heapUsedBytes / signals.heapLimitBytes - 0.6) / 0.4, 0, 1)
      : 0;
  const active =
    base.activeCapacity > 0 ? clamp((signals.activeEntities / base.activeCapacity - 0.5) / 0.5, 0, 1) : 0;
  const pressure = Math.max(heap, active);
  const scale = pressure <= 0.5 ? 1 : clamp(1 - (pressure - 0.5) * 1.5, 0.25, 1);
  const idle = signals.queriesPerMinute <= base.idleQueriesPerMinute;
  return {
    policy: {
      ...base,
      inactiveAfterMs: Math.round(base.inactiveAfterMs * scale),
      archiveAfterMs: Math.round(base.archiveAfterMs * scale),
      batchSize: idle ? base.batchSize : Math.max(50, Math.floor(base.batchSize / 4)),
    },
    pressure: Math.round(pressure * 1000) / 1000,
    idle,
    runNow: idle || pressure >= 0.9,
  };
}

/** Counts events (queries) in a sliding window of one-second buckets. */
export class RateMeter {
  private readonly buckets: number[];
  private readonly stamps: number[];

  constructor(
    private readonly windowSeconds = 60,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
    this.stamps = new Array<number>(windowSeconds).fill(-1);
  }

  /** Records `n` events now. */
  record(n = 1): void {
    const second = Math.floor(this.now() / 1000);
    const i = second % this.windowSeconds;
    if (this.stamps[i] !== second) {
      this.stamps[i] = second;
      this.buckets[i] = 0;
    }
    this.buckets[i] = (this.buckets[i] ?? 0) + n;
  }

  /** Events in the window, scaled to one minute. */
  perMinute(): number {
    const second = Math.floor(this.now() / 1000);
    let total = 0;
    for (let i = 0; i < this.windowSeconds; i += 1) {
      const stamp = this.stamps[i] ?? -1;
      if (stamp > second - this.windowSeconds && stamp <= second) total += this.buckets[i] ?? 0;
    }
    return (total * 60) / this.windowSeconds;
  }
}

/** Reads this process's heap use and limit. */
export function processMemory(): { heapUsedBytes: number; heapLimitBytes: number } {
  return {
    heapUsedBytes: process.memoryUsage().heapUsed,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
  };
}
