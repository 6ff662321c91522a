'use client';

import { Background, Controls, ReactFlow, type Edge, type Node, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useI18n } from '@/i18n/i18n-provider';

/**
 * The shared graph canvas: pan/zoom controls, only visible elements rendered (large
 * neighbourhoods stay smooth), nodes focusable and selectable from the keyboard.
 */
export function FlowCanvas({
  nodes,
  edges,
  label,
  onNodeClick,
  testId,
}: {
  nodes: Node[];
  edges: Edge[];
  label: string;
  onNodeClick?: (id: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const click: NodeMouseHandler = (_event, node) => onNodeClick?.(node.id);
  return (
    <div className="flow" role="region" aria-label={label} data-testid={testId}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodeClick={click}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.1}
        nodesDraggable
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{ 'controls.ariaLabel': t('graph.controls') }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
