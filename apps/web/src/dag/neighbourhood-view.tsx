'use client';

import { MarkerType, type Edge, type Node } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useEffect, useId, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { entityHref } from '@/chat/routes';
import { useI18n } from '@/i18n/i18n-provider';
import { EntityHeaderQuery, TraverseQuery } from './documents';
import { FlowCanvas } from './flow-canvas';
import { radialLayout } from './layout';
import { mergeHops, startNeighbourhood, type Neighbourhood } from './neighbourhood';

const MAX_NODES = 400;
const HOPS_PER_EXPANSION = 60;

/** An entity's neighbourhood: the first rings up to a depth limit, more on click (capped). */
export function NeighbourhoodView({ id }: { id: string }) {
  const { t } = useI18n();
  const depthId = useId();
  const client = useClient();
  const [depth, setDepth] = useState(1);
  const [hood, setHood] = useState<Neighbourhood | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [header] = useQuery({ query: EntityHeaderQuery, variables: { id } });
  const centre = header.data?.entity;

  const expand = useCallback(
    async (base: Neighbourhood, origin: string, hops: number) => {
      setBusy(true);
      setFailed(false);
      const result = await client
        .query(
          TraverseQuery,
          { from: [origin], depth: hops, first: HOPS_PER_EXPANSION * hops },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      setBusy(false);
      if (result.error || !result.data) {
        setFailed(true);
        return base;
      }
      const next = mergeHops(base, origin, result.data.traverse, MAX_NODES);
      setHood(next);
      return next;
    },
    [client],
  );

  const centreId = centre?.id;
  const centreName = centre?.name;
  const centreType = centre?.type;
  useEffect(() => {
    if (!centreId || centreName === undefined || centreType === undefined) return;
    void expand(startNeighbourhood({ id: centreId, name: centreName, type: centreType }), centreId, depth);
  }, [centreId, centreName, centreType, depth, expand]);

  if (header.error && !header.data)
    return (
      <p role="alert" className="error-text">
        {t('common.loadFailed')}
      </p>
    );
  if (header.data && !centre) return <p role="alert">{t('entity.notFound')}</p>;

  const placed = hood
    ? new Map(radialLayout(new Map([...hood.nodes].map(([k, v]) => [k, v.depth]))).map((p) => [p.id, p]))
    : new Map();
  const nodes: Node[] = hood
    ? [...hood.nodes.values()].map((n) => ({
        id: n.id,
        position: { x: placed.get(n.id)?.x ?? 0, y: placed.get(n.id)?.y ?? 0 },
        className: `hood-node depth-${Math.min(n.depth, 3)}${hood.expanded.has(n.id) ? ' expanded' : ''}`,
        ariaLabel: `${n.name} (${n.type})`,
        data: {
          label: (
            <div className="flow-node">
              <strong>{n.name}</strong>
              <span className="muted">{n.type}</span>
            </div>
          ),
        },
      }))
    : [];
  const edges: Edge[] = hood
    ? [...hood.edges.values()].map((e) => ({
        id: e.id,
        source: e.from,
        target: e.to,
        label: e.type,
        type: 'straight',
        markerEnd: { type: MarkerType.ArrowClosed },
      }))
    : [];
  return (
    <section className="page" aria-labelledby="hood-title">
      <h1 id="hood-title">
        {t('graph.neighbourhoodTitle')}{' '}
        {centre ? <Link href={entityHref(centre.id)}>{centre.name}</Link> : null}
      </h1>
      <div className="toolbar">
        <label htmlFor={depthId}>{t('graph.depth')}</label>
        <select id={depthId} value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
          {[1, 2, 3].map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <span className="muted" role="status">
          {busy
            ? t('common.loading')
            : t('graph.counts', { nodes: hood?.nodes.size ?? 0, edges: hood?.edges.size ?? 0 })}
          {hood?.truncated ? ` · ${t('graph.truncated', { max: MAX_NODES })}` : ''}
        </span>
        {failed ? <span className="error-text">{t('common.loadFailed')}</span> : null}
      </div>
      <p className="muted">{t('graph.expandHint')}</p>
      <FlowCanvas
        nodes={nodes}
        edges={edges}
        label={t('graph.neighbourhoodTitle')}
        testId="neighbourhood-graph"
        onNodeClick={(nodeId) => {
          if (hood && !hood.expanded.has(nodeId)) void expand(hood, nodeId, 1);
        }}
      />
    </section>
  );
}
