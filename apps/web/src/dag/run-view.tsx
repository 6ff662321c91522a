'use client';

import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from 'urql';
import { entityHref } from '@/chat/routes';
import { useI18n } from '@/i18n/i18n-provider';
import { queryPending } from '@/components/query-pending';
import { ReasoningRunQuery } from './documents';
import { FlowCanvas } from './flow-canvas';
import { layeredLayout } from './layout';
import { buildRunGraph } from './run-graph';
import { DataTable } from '@/components/data-table';

const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);

/** A message's reasoning run drawn as a graph: per-step timing, decision and entities touched. */
export function RunView({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: ReasoningRunQuery, variables: { id } });
  const [selected, setSelected] = useState<string | null>(null);
  const pending = queryPending({ data, error, fetching }, t);
  if (pending) return pending;
  const run = data?.reasoningRun;
  if (!run) return <p role="alert">{t('graph.runNotFound')}</p>;
  const graph = buildRunGraph(run.steps, data.workflow.edges);
  const placed = new Map(
    layeredLayout(
      graph.steps.map((s) => s.id),
      graph.links,
      { x: 240, y: 150 },
      5,
    ).map((p) => [p.id, p]),
  );
  const slowest = Math.max(1, ...graph.steps.filter((s) => s.parentId).map((s) => s.durationMs));
  const nodes: Node[] = graph.steps.map((step) => ({
    id: step.id,
    position: { x: placed.get(step.id)?.x ?? 0, y: placed.get(step.id)?.y ?? 0 },
    className: `step-node status-${step.status.toLowerCase()}${step.id === selected ? ' selected-step' : ''}`,
    ariaLabel: `${step.node} ${ms(step.durationMs)} ${step.decision ?? ''}`,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    data: {
      label: (
        <div className="flow-node" data-testid="run-step">
          <strong>{step.node}</strong>
          <span>
            {step.pass > 0 ? `${t('graph.pass', { pass: step.pass })} · ` : ''}
            {ms(step.durationMs)}
          </span>
          <span className="timing-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(2, (step.durationMs / slowest) * 100)}%` }} />
          </span>
          {step.decision ? <span className="decision">{step.decision}</span> : null}
          {step.entities.length > 0 ? (
            <span className="muted">{t('graph.entitiesCount', { count: step.entities.length })}</span>
          ) : null}
        </div>
      ),
    },
  }));
  const edges: Edge[] = graph.links.map((l) => ({
    id: `${l.from}->${l.to}`,
    source: l.from,
    target: l.to,
    label: l.label || undefined,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  const detail = graph.steps.find((s) => s.id === selected);
  return (
    <section className="page" aria-labelledby="run-title">
      <h1 id="run-title">{t('graph.runTitle')}</h1>
      <p className="run-summary">
        <q>{run.question}</q> · <span className="badge">{run.status}</span>
        {run.durationMs !== null && run.durationMs !== undefined ? ` · ${ms(run.durationMs)}` : ''} ·{' '}
        <span className="muted">{t('graph.workflowVersion', { version: run.workflowVersion })}</span>
      </p>
      <div className="run-layout">
        <FlowCanvas
          nodes={nodes}
          edges={edges}
          label={t('graph.runTitle')}
          onNodeClick={setSelected}
          testId="run-graph"
        />
        <aside className="card step-detail" aria-live="polite" aria-label={t('graph.stepDetail')}>
          {detail ? (
            <>
              <h2>{detail.node}</h2>
              <dl>
                <dt>{t('graph.duration')}</dt>
                <dd>{ms(detail.durationMs)}</dd>
                <dt>{t('graph.status')}</dt>
                <dd>{detail.status}</dd>
                <dt>{t('graph.decision')}</dt>
                <dd>{detail.decision ?? '—'}</dd>
                <dt>{t('graph.reason')}</dt>
                <dd>{detail.reason ?? '—'}</dd>
              </dl>
              <h3>{t('graph.entities')}</h3>
              {detail.entities.length === 0 ? <p className="muted">{t('entity.none')}</p> : null}
              <ul>
                {detail.entities.map((e) => (
                  <li key={e.id}>
                    <Link href={entityHref(e.id)}>{e.name}</Link> <span className="muted">({e.type})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t('graph.selectStep')}</p>
          )}
        </aside>
      </div>
      <DataTable
        label={t('graph.steps')}
        columns={[
          t('graph.node'),
          t('graph.passHeader'),
          t('graph.duration'),
          t('graph.decision'),
          t('graph.reason'),
          t('graph.entities'),
        ]}
        testId="run-steps"
      >
        {graph.steps.map((s) => (
          <tr key={s.id}>
            <td>
              <button type="button" className="link-button mono" onClick={() => setSelected(s.id)}>
                {s.node}
              </button>
            </td>
            <td className="num">{s.pass}</td>
            <td className="num">{ms(s.durationMs)}</td>
            <td>{s.decision ?? '—'}</td>
            <td>{s.reason ?? '—'}</td>
            <td>
              {s.entities.map((e, i) => (
                <span key={e.id}>
                  {i > 0 ? ', ' : ''}
                  <Link href={entityHref(e.id)}>{e.name}</Link>
                </span>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
