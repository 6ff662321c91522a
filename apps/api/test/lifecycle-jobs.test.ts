import { IN_MEMORY, openDatabase, type Database } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { startTestApi, type TestApi } from './support/harness';
import { wsClient } from './support/streams';

let db: Database;
let t: TestApi;
let admin: string;

beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  t = await startTestApi({
    database: db,
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris' }).withCountry('Spain').build(),
  });
  admin = await t.signIn({ sub: 'root', email: 'admin@example.org' });
});
afterAll(async () => {
  await t?.close();
  await db?.close();
});

interface JobView {
  state: string;
  progress: number;
  message: string | null;
}

async function runJob(kind: string): Promise<JobView[]> {
  const job = await t.gql<{ triggerJob: { id: string } }>(
    'mutation ($k: String!) { triggerJob(kind: $k) { id } }',
    { k: kind },
    { token: admin },
  );
  expect(job.errors).toBeUndefined();
  const client = wsClient(t.wsUrl, admin);
  const seen: JobView[] = [];
  for await (const r of client.iterate({
    query: 'subscription ($id: ID!) { jobProgress(jobId: $id) { state progress message } }',
    variables: { id: job.data!.triggerJob.id },
  })) {
    seen.push((r.data as { jobProgress: JobView }).jobProgress);
  }
  await client.dispose();
  return seen;
}

describe('lifecycle jobs through GraphQL', () => {
  it('prunes entities unused for months when an admin triggers the prune job', async () => {
    await db.query("UPDATE entities SET created_at = now() - interval '200 days'");
    const seen = await runJob('prune');
    const last = seen.at(-1)!;
    expect(last.state).toBe('SUCCEEDED');
    expect(last.progress).toBe(1);
    expect(last.message).not.toBe('nothing to do');
    const states = await db.query<{ state: string }>(
      "SELECT DISTINCT state FROM entities WHERE state <> 'active'",
    );
    expect(states.length).toBeGreaterThan(0);
  });

  it('runs the consistency job to completion', async () => {
    const seen = await runJob('consistency');
    expect(seen.at(-1)!.state).toBe('SUCCEEDED');
  });
});
