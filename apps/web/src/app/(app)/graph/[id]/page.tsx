import { routeId } from '@/chat/routes';
import { NeighbourhoodView } from '@/dag/neighbourhood-view';

/** An entity's neighbourhood graph. */
export default async function GraphPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NeighbourhoodView id={routeId(id)} />;
}
