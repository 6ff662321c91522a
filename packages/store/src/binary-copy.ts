import { binaryVectorSize, writeBinaryVector } from './vector';

/** A column value for binary COPY. */
export type CopyValue =
  | { kind: 'int8'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'vector'; value: ArrayLike<number> }
  | { kind: 'null' };

const encoder = new TextEncoder();
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // PGCOPY\n\377\r\n\0

/**
 * Encodes rows in PostgreSQL's binary COPY format. Used for the embedded bulk vector path, where it
 * is several times faster than text literals because pgvector reads float4s without parsing.
 */
export function encodeBinaryCopy(rows: CopyValue[][]): Uint8Array<ArrayBuffer> {
  const texts = new Map<CopyValue, Uint8Array>();
  let size = SIGNATURE.length + 8 + 2;
  for (const row of rows) {
    size += 2;
    for (const v of row) {
      size += 4;
      if (v.kind === 'int8') size += 8;
      else if (v.kind === 'vector') size += binaryVectorSize(v.value.length);
      else if (v.kind === 'text') {
        const bytes = encoder.encode(v.value);
        texts.set(v, bytes);
        size += bytes.length;
      }
    }
  }
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  buf.set(SIGNATURE, 0);
  let o = SIGNATURE.length;
  view.setInt32(o, 0); // flags
  view.setInt32(o + 4, 0); // header extension length
  o += 8;
  for (const row of rows) {
    view.setInt16(o, row.length);
    o += 2;
    for (const v of row) {
      switch (v.kind) {
        case 'null':
          view.setInt32(o, -1);
          o += 4;
          break;
        case 'int8':
          view.setInt32(o, 8);
          view.setBigInt64(o + 4, BigInt(v.value));
          o += 12;
          break;
        case 'text': {
          const bytes = texts.get(v) as Uint8Array;
          view.setInt32(o, bytes.length);
          buf.set(bytes, o + 4);
          o += 4 + bytes.length;
          break;
        }
        case 'vector':
          view.setInt32(o, binaryVectorSize(v.value.length));
          o = writeBinaryVector(view, o + 4, v.value);
          break;
      }
    }
  }
  view.setInt16(o, -1);
  return buf;
}
