import type { ReasoningRunRecord, TraceStep } from '@rustygpt/core';
import type { Queryable } from './database';

interface RunRow {
  id: string;
  workspace_id: number;
  question: string;
  answer: string | null;
  status: ReasoningRunRecord['status'];
  workflow_version: string;
  started_at: Date;
  duration_ms: number | null;
  user_id: string | null;
  message_id: string | null;
}

interface StepRow {
  id: string;
  parent_id: string | null;
  node: string;
  pass: number;
  step_order: number;
  started_at: Date;
  duration_ms: number;
  status: TraceStep['status'];
  decision: string | null;
  reason: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  entity_ids: number[];
  resource_ids: number[];
}

/** Saves a reasoning run and its steps (replacing earlier steps of the same run) in one transaction. */
export async function saveRun(q: Queryable, workspaceId: number, run: ReasoningRunRecord): Promise<void> {
  await q.query(
    `INSERT INTO reasoning_runs (id, workspace_id, question, answer, status, workflow_version, started_at, duration_ms, user_id, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET answer = EXCLUDED.answer, status = EXCLUDED.status,
       duration_ms = EXCLUDED.duration_ms, message_id = EXCLUDED.message_id, workflow_version = EXCLUDED.workflow_version`,
    [
      run.id,
      workspaceId,
      run.question,
      run.answer,
      run.status,
      run.workflowVersion,
      run.startedAt,
      run.durationMs,
      run.userId,
      run.messageId,
    ],
  );
  await q.query('DELETE FROM reasoning_steps WHERE run_id = $1', [run.id]);
  if (run.steps.length === 0) return;
  await q.query(
    `INSERT INTO reasoning_steps (run_id, id, parent_id, node, pass, step_order, status, started_at, finished_at,
                                  duration_ms, decision, reason, inputs, outputs, entity_ids, resource_ids)
     SELECT $1, x.id, x.parent_id, x.node, x.pass, x.step_order, x.status, x.started_at,
            x.started_at + make_interval(secs => x.duration_ms / 1000), x.duration_ms, x.decision, x.reason,
            x.inputs, x.outputs,
            ARRAY(SELECT jsonb_array_elements_text(x.entity_ids)::bigint),
            ARRAY(SELECT jsonb_array_elements_text(x.resource_ids)::bigint)
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, parent_id text, node text, pass integer, step_order integer,
            status text, started_at timestamptz, duration_ms float8, decision text, reason text, inputs jsonb,
            outputs jsonb, entity_ids jsonb, resource_ids jsonb)`,
    [
      run.id,
      JSON.stringify(
        run.steps.map((s) => ({
          id: s.id,
          parent_id: s.parentId,
          node: s.node,
          pass: s.pass,
          step_order: s.order,
          status: s.status,
          started_at: s.startedAt.toISOString(),
          duration_ms: s.durationMs,
          decision: s.decision,
          reason: s.reason,
          inputs: s.inputs,
          outputs: s.outputs,
          entity_ids: s.entityIds,
          resource_ids: s.resourceIds,
        })),
      ),
    ],
  );
}

/** Loads a run with its steps in execution order, or null. */
export async function getRun(
  q: Queryable,
  workspaceId: number,
  id: string,
): Promise<ReasoningRunRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const runs = await q.query<RunRow>('SELECT * FROM reasoning_runs WHERE id = $1 AND workspace_id = $2', [
    id,
    workspaceId,
  ]);
  const run = runs[0];
  if (!run) return null;
  const steps = await q.query<StepRow>(
    'SELECT * FROM reasoning_steps WHERE run_id = $1 ORDER BY step_order, started_at, id',
    [id],
  );
  return {
    id: run.id,
    workspaceId: Number(run.workspace_id),
    question: run.question,
    answer: run.answer,
    status: run.status,
    workflowVersion: run.workflow_version,
    startedAt: new Date(run.started_at),
    durationMs: run.duration_ms === null ? null : Number(run.duration_ms),
    userId: run.user_id,
    messageId: run.message_id,
    steps: steps.map((s) => ({
      id: s.id,
      parentId: s.parent_id,
      node: s.node,
      pass: Number(s.pass),
      order: Number(s.step_order),
      startedAt: new Date(s.started_at),
      durationMs: Number(s.duration_ms),
      status: s.status,
      decision: s.decision,
      reason: s.reason,
      inputs: s.inputs,
      outputs: s.outputs,
      entityIds: s.entity_ids.map(Number),
      resourceIds: s.resource_ids.map(Number),
    })),
  };
}
