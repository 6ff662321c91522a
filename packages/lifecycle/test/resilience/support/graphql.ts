/** A minimal GraphQL-over-HTTP client for resilience tests: status, body and error codes. */

/** One GraphQL response as seen on the wire. */
export interface GraphQLReply {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
  raw: string;
}

/** POSTs a GraphQL request (or any raw body) and never throws on a bad response. */
export async function postGraphQL(
  url: string,
  payload: string | { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<GraphQLReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    signal: AbortSignal.timeout(60_000),
  });
  const raw = await res.text();
  let body: GraphQLReply['body'] = null;
  try {
    body = JSON.parse(raw) as GraphQLReply['body'];
  } catch {
    body = null;
  }
  return { status: res.status, body, raw };
}

/** Error codes of a reply (extensions.code). */
export function errorCodes(reply: GraphQLReply): string[] {
  return (reply.body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'NONE'));
}
