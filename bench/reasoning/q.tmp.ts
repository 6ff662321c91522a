import { readFileSync } from 'node:fs';
import { openKnowledgeBase } from '../../test/eval/lib/open-kb';
const kb = await openKnowledgeBase(JSON.parse(readFileSync('test/eval/periodic/bundle.json', 'utf8')));
const cat = (await kb.store.findByAlias('transition metal'))[0]!;
const t = async (name: string, f: () => Promise<unknown>) => {
  const xs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    await f();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  console.log(name, xs[15]!.toFixed(2), xs[28]!.toFixed(2));
};
await t('neighbours', () => kb.store.neighbours(cat.id, { direction: 'both', limit: 1000 }));
await t('traverse1', () => kb.store.traverse([cat.id], { depth: 1, direction: 'both', limit: 1000 }));
await t('getEntities35', async () =>
  kb.store.getEntities((await kb.store.traverse([cat.id], { depth: 1, limit: 1000 })).map((h) => h.entityId)),
);
await t('listAliases-since', () => kb.store.listAliases({ changedSince: 1e9 }));
await t('fts', () => kb.store.searchChunksFullText('atomic or mass or vibranium', { k: 8 }));
await t('getEntities1', () => kb.store.getEntities([cat.id]));
await kb.close();
