/**
 * Lifecycle jobs in the shape of the API's JobRunner definitions (`{ kind, description, run(ctx) }`),
 * so the composition root registers them with one call and follows them with `jobProgress`.
 */
import type { Lifecycle } from './lifecycle';

/** What the API's job runner hands a job. */
export interface LifecycleJobContext {
  /** Fires when the job is cancelled. */
  signal: AbortSignal;
  /** Reports units done so far, of `total` (null when unknown). */
  progress(processed: number, total: number | null, message?: string): void;
}

/** A job definition the API's JobRunner accepts. */
export interface LifecycleJobDefinition {
  /** Name the API triggers the job by, e.g. `prune`. */
  kind: string;
  description: string;
  /** Runs the job to the end; the message summarises what it did. */
  run(ctx: LifecycleJobContext): Promise<{ message?: string } | undefined>;
}

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'nothing to do';

/** prune, archive and consistency jobs over the lifecycles the callback returns (one per workspace). */
export function lifecycleJobDefinitions(lifecycles: () => Promise<Lifecycle[]>): LifecycleJobDefinition[] {
  const each =
    (fn: (l: Lifecycle, ctx: LifecycleJobContext) => Promise<Record<string, number>>) =>
    async (ctx: LifecycleJobContext) => {
      let counts: Record<string, number> = {};
      for (const l of await lifecycles()) {
        const c = await fn(l, ctx);
        for (const [k, v] of Object.entries(c)) counts = { ...counts, [k]: (counts[k] ?? 0) + v };
      }
      return { message: summary(counts) };
    };
  const progress =
    (ctx: LifecycleJobContext) => (p: { processed: number; total: number | null; message: string }) =>
      ctx.progress(p.processed, p.total, p.message);
  return [
    {
      kind: 'prune',
      description:
        'move unused entities to inactive and archived (vectors leave the index), by reference tracking',
      run: each(async (l, ctx) => {
        const r = await l.prune({ force: true, onProgress: progress(ctx), signal: ctx.signal });
        return r.ran && !r.dryRun ? r.report.counts : {};
      }),
    },
    {
      kind: 'archive',
      description: 'archive inactive entities unused past the archive threshold',
      run: each(async (l, ctx) => {
        const r = await l.prune({
          force: true,
          mode: 'archive',
          onProgress: progress(ctx),
          signal: ctx.signal,
        });
        return r.ran && !r.dryRun ? r.report.counts : {};
      }),
    },
    {
      kind: 'consistency',
      description:
        'check (and repair) lifecycle invariants: archived entities out of the index, names matchable, vector sizes',
      run: each(
        async (l, ctx) =>
          (await l.consistency({ fix: true, onProgress: progress(ctx), signal: ctx.signal })).counts,
      ),
    },
  ];
}
