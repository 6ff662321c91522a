import { createServer } from 'node:http';
import { createYoga, createSchema } from 'graphql-yoga';
const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String }' }) });
const mode = process.argv[2];
const s = createServer((req, res) => {
  if (mode === 'a') void yoga.handleNodeRequestAndResponse(req, res, { requestId: 'x' });
  else yoga(req, res);
});
s.listen(0, async () => {
  const port = (s.address() as { port: number }).port;
  const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  console.log(mode, r.status, await r.text());
  process.exit(0);
});
