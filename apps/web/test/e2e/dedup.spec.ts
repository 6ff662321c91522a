import type { Page } from 'playwright-core';
import { DUPLICATES } from './dedup-fixtures';
import { expect, test, type E2EEnv } from './harness';

interface PairRow {
  state: string;
  entity1: { key: string } | null;
  entity2: { key: string } | null;
}

/** Calls the API as the signed-in admin (the token the web app hands the browser). */
async function api<T>(
  page: Page,
  env: E2EEnv,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await page.request.get(`${env.webUrl}/api/token`);
  expect(token.ok(), `token endpoint answered ${token.status()}`);
  const { token: bearer } = (await token.json()) as { token: string };
  const response = await page.request.post(env.apiUrl, {
    headers: { authorization: `Bearer ${bearer}` },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.data && !body.errors, `API answered ${JSON.stringify(body)}`);
  return body.data;
}

/** The keys of the pairs in a review state, as "key1+key2" (keys sorted). */
async function pairsIn(page: Page, env: E2EEnv, state: 'PENDING' | 'REJECTED'): Promise<string[]> {
  const data = await api<{ dedupCandidates: { edges: { node: PairRow }[] } }>(
    page,
    env,
    `query ($state: DedupCandidateState) {
       dedupCandidates(state: $state, first: 100) { edges { node { state entity1 { key } entity2 { key } } } }
     }`,
    { state },
  );
  return data.dedupCandidates.edges.map(({ node }) =>
    [node.entity1?.key ?? '?', node.entity2?.key ?? '?'].sort().join('+'),
  );
}

async function entityExists(page: Page, env: E2EEnv, key: string): Promise<boolean> {
  const data = await api<{ entity: { id: string } | null }>(
    page,
    env,
    'query ($key: String) { entity(key: $key) { id } }',
    {
      key,
    },
  );
  return data.entity !== null;
}

const pairKey = (duplicate: { key: string }, demoKey: string) => [duplicate.key, demoKey].sort().join('+');
const tritonPair = pairKey(DUPLICATES.merge, 'moon:triton');
const enceladusPair = pairKey(DUPLICATES.separate, 'moon:enceladus');

test('an admin merges a queued duplicate from the review queue, retries a refused decision and undoes the merge', async (t) => {
  const { page, env } = t;
  const pending = await pairsIn(page, env, 'PENDING');
  expect(
    pending.includes(tritonPair) && pending.includes(enceladusPair),
    `the seeded pairs wait for review: ${pending.join(', ')}`,
  );

  await page.goto(`${env.webUrl}/entities`);
  await page.getByRole('link', { name: 'Review duplicates' }).click();
  await page.waitForURL(/\/entities\/duplicates$/);
  await page.getByRole('heading', { level: 1, name: 'Duplicate review' }).waitFor();
  const row = page.getByTestId('dedup-candidate').filter({ hasText: DUPLICATES.merge.key });
  await row.getByRole('link', { name: DUPLICATES.merge.name }).waitFor();
  expect(((await row.textContent()) ?? '').includes('similarity 0.68'), 'the row shows the similarity score');
  await row.getByRole('link', { name: DUPLICATES.merge.of, exact: true }).waitFor();
  await t.checkA11y('review queue');
  await t.screenshot('dedup-queue');

  // The first decision is refused (as by an API outage): the row comes back with the code and a retry.
  let refused = 0;
  await page.route(env.apiUrl, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !(request.postData() ?? '').includes('DecideDedupCandidate'))
      return route.continue();
    refused += 1;
    await route.fulfill({
      status: 200,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': request.headers()['origin'] ?? '*',
      },
      body: JSON.stringify({
        data: null,
        errors: [{ message: 'Try again later.', extensions: { code: 'UNAVAILABLE' } }],
      }),
    });
  });
  await row.getByRole('button', { name: 'Merge…' }).click();
  const confirm = row.getByRole('group', { name: /^Merge “.+” and “.+” into one entity\?/ });
  await confirm.getByRole('button', { name: 'Confirm merge' }).click();
  const error = row.getByTestId('dedup-error');
  await error.getByText('Could not merge (UNAVAILABLE).').waitFor();
  expect(refused === 1, `one decision was refused, saw ${refused}`);
  await page.unroute(env.apiUrl);

  await error.getByRole('button', { name: 'Retry' }).click();
  const notice = page.getByTestId('dedup-notice');
  await notice.getByText(`Merged “${DUPLICATES.merge.name}” into “${DUPLICATES.merge.of}”.`).waitFor();
  await row.waitFor({ state: 'detached' });
  expect(!(await entityExists(page, env, DUPLICATES.merge.key)), 'the duplicate is merged away');
  expect(!(await pairsIn(page, env, 'PENDING')).includes(tritonPair), 'the merged pair left the queue');
  await t.checkA11y('review queue after a merge');

  await notice.getByRole('button', { name: 'Undo' }).click();
  await notice.getByText(`Merge undone: ${DUPLICATES.merge.name} restored.`).waitFor();
  expect(await entityExists(page, env, DUPLICATES.merge.key), 'the undo restores the duplicate');
  expect(
    (await pairsIn(page, env, 'REJECTED')).includes(tritonPair),
    'an undone merge is remembered as "not duplicates"',
  );

  // The queue as the server now has it: the undone pair is not proposed again, the other still is.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('dedup-candidate').filter({ hasText: DUPLICATES.separate.key }).waitFor();
  expect(
    (await page.getByTestId('dedup-candidate').filter({ hasText: DUPLICATES.merge.key }).count()) === 0,
    'the undone pair is not listed again',
  );
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await t.checkA11y('review queue, dark');
  await t.screenshot('dedup-queue-dark');
});

test('an admin keeps a pair separate from the entity page, by keyboard', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/entities?q=${encodeURIComponent(DUPLICATES.separate.of)}`);
  await page
    .getByTestId('search-results')
    .getByRole('link', { name: DUPLICATES.separate.of, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: DUPLICATES.separate.of }).waitFor();
  const admin = page.getByRole('region', { name: 'Admin tools' });
  const rows = admin.getByTestId('dedup-candidate');
  const row = rows.filter({ hasText: DUPLICATES.separate.key });
  await row.waitFor();
  expect((await rows.count()) === 1, "the panel lists only this entity's pending pairs");

  // Merge… opens a confirmation; Escape closes it without merging and returns to the button.
  const merge = row.getByRole('button', { name: 'Merge…' });
  await merge.focus();
  await page.keyboard.press('Enter');
  const confirmButton = row.getByRole('button', { name: 'Confirm merge' });
  await confirmButton.waitFor();
  expect(await confirmButton.evaluate((el) => el === document.activeElement), 'focus moves to Confirm merge');
  await page.keyboard.press('Escape');
  await confirmButton.waitFor({ state: 'detached' });
  expect(await merge.evaluate((el) => el === document.activeElement), 'focus returns to Merge…');
  expect((await merge.getAttribute('aria-expanded')) === 'false', 'the confirmation is closed');
  await t.checkA11y('entity page with its pending duplicates');
  await t.screenshot('dedup-entity-panel');

  await page.keyboard.press('Tab');
  expect(
    await row.getByRole('button', { name: 'Keep separate' }).evaluate((el) => el === document.activeElement),
    'Tab reaches Keep separate',
  );
  await page.keyboard.press('Enter');
  await admin
    .getByTestId('dedup-notice')
    .getByText(`“${DUPLICATES.separate.of}” and “${DUPLICATES.separate.name}” are kept separate.`)
    .waitFor();
  await admin.getByText('No pending duplicates involve this entity.').waitFor();
  expect(
    (await pairsIn(page, env, 'REJECTED')).includes(enceladusPair),
    'the pair is stored as kept separate',
  );
  expect(!(await pairsIn(page, env, 'PENDING')).includes(enceladusPair), 'and no longer pending');
  expect(await entityExists(page, env, DUPLICATES.separate.key), 'both entities remain');
});
