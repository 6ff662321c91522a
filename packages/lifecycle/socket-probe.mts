import { openDatabase, serveDatabase } from '@rustygpt/store';
const served = await serveDatabase({ dataDir: 'memory://', port: 5457, host: '127.0.0.1' });
const a = await openDatabase({ databaseUrl: served.url, migrate: false, poolSize: 4 });
const b = await openDatabase({ databaseUrl: served.url, migrate: false, poolSize: 1 });
let ok = 0; const errors = new Map<string, number>();
const note = (e: unknown) => { const m = String((e as { cause?: { message?: string } }).cause?.message ?? e).slice(0, 90); errors.set(m, (errors.get(m) ?? 0) + 1); };
await Promise.all([
  ...Array.from({ length: 3 }, async () => { for (let i = 0; i < 100; i++) { try { await a.transaction(async (tx) => { for (let j = 0; j < 5; j++) await tx.query('SELECT $1::int + $2::int + $3::int + $4::int + $5::int + $6::int AS s', [1, 2, 3, 4, 5, j]); }); ok++; } catch (e) { note(e); } } }),
  (async () => { for (let i = 0; i < 500; i++) { try { await b.query('SELECT $1::int AS s', [i]); ok++; } catch (e) { note(e); } } })(),
]);
console.log({ ok, errors: Object.fromEntries(errors) });
await a.close(); await b.close(); await served.close();
