import { routeId } from '@/chat/routes';
import { EntityView } from '@/entities/entity-view';

/** One entity. */
export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EntityView id={routeId(id)} />;
}
