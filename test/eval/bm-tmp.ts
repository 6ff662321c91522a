import { KnowledgeStore, openDatabase, searchChunksBm25 } from '@rustygpt/store';
const db = await openDatabase({ dataDir: 'memory://' });
const store = new KnowledgeStore(db);
await store.importBundle({ entities: [{ key: 'a', type: 't', name: 'A' }], resources: [{ uri: 'x://1', title: 'Arthur magazine', text: 'Arthur magazine was a magazine started in 1844.' }, { uri: 'x://2', title: 'First for Women', text: 'First for Women is a woman magazine from 1989.' }] });
try { console.log(await searchChunksBm25(store.db, 1, "Which magazine was started first, Arthur's Magazine or First for Women?", { k: 5 })); } catch (e) { console.log(e, (e as any).cause); }
await db.close();
