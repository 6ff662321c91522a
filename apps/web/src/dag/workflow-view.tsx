'use client';

import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import { useQuery } from 'urql';
import { useI18n } from '@/i18n/i18n-provider';
import { queryPending } from '@/components/query-pending';
import { WorkflowQuery } from './documents';
import { FlowCanvas } from './flow-canvas';
import { layeredLayout } from './layout';
import { DataTable } from '@/components/data-table';

/** The reasoning DAG the server runs: nodes (with their inputs and outputs) and data edges. */
export function WorkflowView() {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: WorkflowQuery });
  const pending = queryPending({ data, error, fetching }, t);
  if (pending) return pending;
  const workflow = data?.workflow;
  if (!workflow) return null;
  const placed = layeredLayout(
    workflow.nodes.map((n) => n.name),
    workflow.edges,
  );
  const nodes: Node[] = workflow.nodes.map((n, i) => ({
    id: n.name,
    position: { x: placed[i]!.x, y: placed[i]!.y },
    data: {
      label: (
        <div className="flow-node">
          <strong>{n.name}</strong>
          <span className="muted">{t('graph.outputs', { list: n.outputs.join(', ') || '—' })}</span>
        </div>
      ),
    },
    ariaLabel: n.name,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  }));
  const edges: Edge[] = workflow.edges.map((e) => ({
    id: `${e.from}->${e.to}:${e.key}`,
    source: e.from,
    target: e.to,
    label: e.key,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  return (
    <section className="page" aria-labelledby="workflow-title">
      <h1 id="workflow-title">
        {t('graph.workflowTitle')}{' '}
        <span className="muted">
          {workflow.name} · {workflow.version}
        </span>
      </h1>
      <FlowCanvas nodes={nodes} edges={edges} label={t('graph.workflowTitle')} testId="workflow-graph" />
      <DataTable
        label={t('graph.nodes')}
        columns={[t('graph.node'), t('graph.inputs'), t('graph.outputsHeader'), t('graph.priority')]}
      >
        {workflow.nodes.map((n) => (
          <tr key={n.name}>
            <td className="mono">{n.name}</td>
            <td>{n.inputs.join(', ')}</td>
            <td>{n.outputs.join(', ')}</td>
            <td className="num">{n.priority}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
