import { expect, test } from './harness';

test('searches entities by alias and opens an entity with its attributes and relationships', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/entities`);
  await page.getByTestId('entity-search-input').fill('the Red Planet');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const results = page.getByTestId('search-results');
  await results.waitFor();
  const first = results.locator('tbody tr').first();
  expect(((await first.textContent()) ?? '').includes('Mars'), 'the alias "the Red Planet" finds Mars first');
  expect(((await first.textContent()) ?? '').includes('exact'), 'an alias hit is an exact match');
  expect((await results.locator('tbody tr').count()) > 1, 'similar entities follow the exact match');
  await t.checkA11y('explorer search');
  await t.screenshot('explorer-search');
  await first.getByRole('link', { name: 'Mars' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mars' }).waitFor();
  const attributes = page.locator('.attributes');
  expect(((await attributes.textContent()) ?? '').includes('686.98'), 'attributes list the orbital period');
  const relationships = page.getByRole('region', { name: 'Relationships' });
  expect((await relationships.locator('.relationship-group').count()) >= 1, 'relationships grouped by type');
  await page.getByRole('region', { name: 'Similar entities' }).getByRole('link').first().waitFor();
  await t.checkA11y('entity page');
  await t.screenshot('explorer-entity');
});

test('an admin edits an entity: the new alias is saved and the version increases', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/entities?q=Phobos`);
  await page.getByTestId('search-results').getByRole('link', { name: 'Phobos' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Phobos' }).waitFor();
  const admin = page.getByRole('region', { name: 'Admin tools' });
  await admin.waitFor();
  const header = page.locator('.entity-header');
  const versionBefore = /version (\d+)/.exec((await header.textContent()) ?? '')?.[1];
  const aliases = admin.getByLabel('Aliases (comma separated)');
  const current = await aliases.inputValue();
  await aliases.fill([current, 'Mars I'].filter(Boolean).join(', '));
  await admin.getByRole('button', { name: 'Save' }).click();
  await admin.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.getByRole('region', { name: 'Aliases' }).getByText('Mars I', { exact: true }).waitFor();
  await page.waitForFunction(
    (before) =>
      /version (\d+)/.exec(document.querySelector('.entity-header')?.textContent ?? '')?.[1] !== before,
    versionBefore,
  );
});

test('draws an entity neighbourhood and expands it on click', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/entities?q=Sun`);
  await page.getByTestId('search-results').getByRole('link', { name: 'Sun', exact: true }).click();
  await page.getByRole('link', { name: 'Neighbourhood graph' }).click();
  await page.waitForURL(/\/graph\//);
  const graph = page.getByTestId('neighbourhood-graph');
  await graph.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 1);
  const before = await page.locator('.react-flow__node').count();
  const edges = await page.locator('.react-flow__edge').count();
  expect(edges >= 1, 'relationships are drawn');
  await page.getByLabel('Depth').selectOption('2');
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length > n, before);
  await t.checkA11y('neighbourhood graph');
  await t.screenshot('neighbourhood');
  const count = await page.locator('.react-flow__node').count();
  const leaf = page.locator('.react-flow__node.depth-2').first();
  if ((await leaf.count()) > 0) {
    await leaf.click();
    await page.locator('.react-flow__node.expanded').nth(1).waitFor();
    expect((await page.locator('.react-flow__node').count()) >= count, 'expanding never loses nodes');
  }
});
