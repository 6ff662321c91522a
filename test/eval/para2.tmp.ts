import { readFileSync } from 'node:fs';
import { createReasoner } from '@rustygpt/reasoning';
import { openKnowledgeBase } from './lib/open-kb';
const kb = await openKnowledgeBase(JSON.parse(readFileSync('test/eval/periodic/bundle.json', 'utf8')));
const r = createReasoner({ store: kb.store, persist: false });
const a = await r.ask(process.argv[2]!);
console.log(a.answer);
for (const s of a.trace) console.log(s.pass, s.node, s.decision, s.reason?.slice(0, 300));
await kb.close();
