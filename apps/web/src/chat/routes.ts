/** Path of a conversation page (global ids contain `=` and must be encoded). */
export function conversationHref(id: string): string {
  return `/chat/${encodeURIComponent(id)}`;
}

/** Path of an entity page. */
export function entityHref(id: string): string {
  return `/entities/${encodeURIComponent(id)}`;
}

/** Path of a reasoning run's graph. */
export function runHref(id: string): string {
  return `/runs/${encodeURIComponent(id)}`;
}

/** Path of an entity's neighbourhood graph. */
export function graphHref(id: string): string {
  return `/graph/${encodeURIComponent(id)}`;
}

/** A dynamic route segment back to the id it encodes (Next may hand it over still encoded). */
export function routeId(segment: string): string {
  try {
    return segment.includes('%') ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}
