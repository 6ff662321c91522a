import type { CitationKind } from '@/gql/graphql';
import { entityHref } from './routes';

/** A citation as the API returns it on `Message.citations`. */
export interface MessageCitation {
  kind: CitationKind;
  label: string;
  uri?: string | null;
  entity?: { id: string; name: string; type: string } | null;
}

/** A source an answer drew on, as the chat lists it: entities link to their page, resources out. */
export interface CitationItem {
  key: string;
  label: string;
  /** The entity's type, or null for resources and relationships. */
  type: string | null;
  href: string | null;
  external: boolean;
}

/**
 * The sources to show under an answer, straight from the message's stored citations: one
 * item per cited entity (linked to its page, under its current name) or resource (linked to
 * its URI). Entities no longer visible to the viewer are left out; duplicates are dropped.
 */
export function citationItems(citations: readonly MessageCitation[] | null | undefined): CitationItem[] {
  const items = new Map<string, CitationItem>();
  for (const c of citations ?? []) {
    if (c.kind === 'ENTITY' && !c.entity) continue;
    const key = c.entity ? `ENTITY:${c.entity.id}` : `${c.kind}:${c.uri ?? c.label}`;
    if (items.has(key)) continue;
    if (c.entity) {
      items.set(key, {
        key,
        label: c.entity.name,
        type: c.entity.type,
        href: entityHref(c.entity.id),
        external: false,
      });
    } else {
      const href = c.uri && /^https?:\/\//i.test(c.uri) ? c.uri : null;
      items.set(key, { key, label: c.label, type: null, href, external: href !== null });
    }
  }
  return [...items.values()];
}
