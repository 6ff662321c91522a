import { routeId } from '@/chat/routes';
import { RunView } from '@/dag/run-view';

/** One reasoning run. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunView id={routeId(id)} />;
}
