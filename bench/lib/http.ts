import { request, type Agent } from 'node:http';

/** What a benchmark needs back from one POST: the status and the whole body as text. */
export interface PostResult {
  status: number;
  text: string;
}

/**
 * POSTs a JSON body over a shared keep-alive agent (so benchmarks time the server, not connection
 * setup) and buffers the whole response; a bearer token is sent when one is given.
 */
export function postJson(agent: Agent, url: string, body: string, token?: string): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
