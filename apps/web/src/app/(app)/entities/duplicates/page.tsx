import { DedupQueue } from '@/entities/dedup-review';

/** The duplicate review queue (admins). */
export default function DuplicatesPage() {
  return <DedupQueue />;
}
