import { WorkflowView } from '@/dag/workflow-view';

/** The reasoning workflow. */
export default function WorkflowPage() {
  return <WorkflowView />;
}
