import { readFileSync } from 'node:fs';
import { createReasoner } from '@rustygpt/reasoning';
import { openKnowledgeBase } from './lib/open-kb';
const kb = await openKnowledgeBase(JSON.parse(readFileSync('test/eval/periodic/bundle.json', 'utf8')), { embed: true });
const r = createReasoner({ store: kb.store, embedder: kb.embedder, persist: false });
for (const q of ['How heavy is iron?', 'What is the weight of an iron atom?', 'Who found neon?', 'What is the temperature at which gold boils?', 'Who discovered Marie Quist?', 'Which elements did Marie Curie discover?', 'What is the atomic mass of Zarkonium?', 'Who was the first to isolate sodium?', 'What does iron look like?']) {
  const a = await r.ask(q);
  console.log(q, '->', a.answer.slice(0, 140), `[${a.passes}]`);
}
await kb.close();
