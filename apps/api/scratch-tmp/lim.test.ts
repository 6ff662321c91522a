import { it } from 'vitest';
import { startTestApi } from '../test/support/harness';
it('x', async () => {
  const t = await startTestApi({ env: { RUSTYGPT_MAX_BUNDLE_BYTES: '2048' } });
  const token = await t.signIn({ sub: 'l' });
  const bundle = { entities: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, type: 'T', name: `Name number ${i}` })) };
  console.log(JSON.stringify((await t.gql('mutation ($b: JSON!) { importBundle(bundle: $b) { entities { created } } }', { b: bundle }, { token })).errors));
  console.log(JSON.stringify((await t.gql('query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { node { type } } } } } } }', { n: 3 }, { token })).errors));
  await t.close();
});
