import { Suspense } from 'react';
import { EntitySearch } from '@/entities/entity-search';

/** Entity explorer: search. */
export default function EntitiesPage() {
  return (
    <Suspense>
      <EntitySearch />
    </Suspense>
  );
}
