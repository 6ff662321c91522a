import { UnavailableError } from '@rustygpt/core';
import { Lifecycle, lifecycleJobDefinitions } from '@rustygpt/lifecycle';
import { indexEmbeddings } from '@rustygpt/models';
import { KnowledgeStore, type Database } from '@rustygpt/store';
import type { ApiConfig } from '../config';
import type { AnswerEngine } from '../data/answer-engine';
import type { JobContext, JobRunner } from './job-runner';

/** Re-embeds what changed (or everything) in every workspace with the active embedder. */
function reindex(db: Database, engine: AnswerEngine, all: boolean) {
  return async (ctx: JobContext) => {
    const embedder = engine.embedder;
    if (!embedder)
      throw new UnavailableError('no embedding model is configured (RUSTYGPT_EMBEDDING_MODEL=none)');
    const workspaces = await db.query<{ id: number }>('SELECT id FROM workspaces ORDER BY id');
    let embedded = 0;
    for (const [i, w] of workspaces.entries()) {
      const result = await indexEmbeddings(new KnowledgeStore(db, Number(w.id)), embedder, {
        all,
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress(p.done, p.total, `workspace ${i + 1}/${workspaces.length}: ${p.phase}`),
      });
      embedded += result.embedded.entities + result.embedded.chunks;
    }
    return { message: `embedded ${embedded} entities and chunks with ${embedder.modelId}` };
  };
}

/** One Lifecycle per workspace, built fresh per job run so new workspaces are included. */
function workspaceLifecycles(db: Database) {
  return async (): Promise<Lifecycle[]> => {
    const workspaces = await db.query<{ id: number }>('SELECT id FROM workspaces ORDER BY id');
    return workspaces.map((w) => new Lifecycle(new KnowledgeStore(db, Number(w.id))));
  };
}

/** Registers the lifecycle jobs the API process can run on demand (`triggerJob(kind)`). */
export function registerLifecycleJobs(
  jobs: JobRunner,
  deps: { db: Database; engine: AnswerEngine; config: ApiConfig },
): void {
  jobs.register({
    kind: 'reindex',
    description: 'embed entities and resource chunks whose content changed since they were last embedded',
    run: reindex(deps.db, deps.engine, false),
  });
  jobs.register({
    kind: 'reindex-all',
    description: 're-embed every entity and chunk with the active model',
    run: reindex(deps.db, deps.engine, true),
  });
  for (const definition of lifecycleJobDefinitions(workspaceLifecycles(deps.db))) jobs.register(definition);
}
