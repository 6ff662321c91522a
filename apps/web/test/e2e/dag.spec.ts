import { expect, test } from './harness';

test('shows the reasoning workflow as a graph of its nodes and data edges', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/workflow`);
  await page.getByTestId('workflow-graph').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 7);
  const names = await page.locator('.react-flow__node strong').allTextContents();
  for (const node of ['entity-identification', 'slot-resolution', 'generation', 'rag-integration']) {
    expect(names.includes(node), `workflow should include ${node}; has ${names.join(', ')}`);
  }
  expect((await page.locator('.react-flow__edge').count()) >= 6, 'data edges are drawn');
  await t.checkA11y('workflow page');
  await t.screenshot('dag-workflow');
});
