import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
const db = await PGlite.create('memory://', { extensions: { vector, ltree } });
await db.exec('CREATE EXTENSION vector; CREATE EXTENSION ltree; create table t (id bigint, e vector)');
const n = 20000, d = 768;
const rowSize = 2 + 4 + 8 + 4 + 4 + 4 * d;
const buf = Buffer.alloc(19 + n * rowSize + 2);
let o = 0;
buf.write('PGCOPY\n\xff\r\n\0', o, 'latin1'); o += 11; buf.writeInt32BE(0, o); o += 4; buf.writeInt32BE(0, o); o += 4;
for (let i = 0; i < n; i++) {
  buf.writeInt16BE(2, o); o += 2;
  buf.writeInt32BE(8, o); o += 4; buf.writeBigInt64BE(BigInt(i), o); o += 8;
  buf.writeInt32BE(4 + 4 * d, o); o += 4; buf.writeInt16BE(d, o); o += 2; buf.writeInt16BE(0, o); o += 2;
  for (let j = 0; j < d; j++) { buf.writeFloatBE(Math.random(), o); o += 4; }
}
buf.writeInt16BE(-1, o); o += 2;
let t1 = Date.now();
await db.query("COPY t (id, e) FROM '/dev/blob' WITH (FORMAT binary)", [], { blob: new Blob([buf.subarray(0, o)]) });
console.log('binary copy rows/s', n / ((Date.now() - t1) / 1000), (await db.query('select count(*) from t')).rows);
t1 = Date.now();
await db.exec("create table u (id bigint, e vector); insert into u select id, e from t");
console.log('insert-select rows/s', n / ((Date.now() - t1) / 1000));
t1 = Date.now();
await db.exec("set maintenance_work_mem='512MB'; create index on t using hnsw ((e::vector(768)) vector_cosine_ops)");
console.log('hnsw s', (Date.now() - t1) / 1000);
