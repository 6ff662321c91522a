/**
 * A GGUF v3 writer: metadata key/values of every GGUF type and f32/f16 tensors, aligned.
 * The built-in embedding model and the test models are written with it, so they load
 * through node-llama-cpp exactly like a user's GGUF file.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ValidationError } from '@rustygpt/core';
import { toFloat16Bits } from './float16';

/** Scalar value types of GGUF metadata. */
export type GgufScalarType =
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'float32'
  | 'bool'
  | 'string'
  | 'uint64'
  | 'int64'
  | 'float64';

export type GgufScalar = number | bigint | boolean | string;

/** One metadata value: a typed scalar or a typed array of scalars. */
export type GgufMetadataValue =
  | { type: GgufScalarType; value: GgufScalar }
  | { type: 'array'; itemType: GgufScalarType; items: readonly GgufScalar[] };

/** Element types of tensors the writer supports. */
export type GgufTensorType = 'f32' | 'f16';

/** A tensor: `dims` innermost first (ggml order), `data` row-major with dims[0] fastest. */
export interface GgufTensor {
  name: string;
  dims: readonly number[];
  type: GgufTensorType;
  data: Float32Array;
}

/** Everything a GGUF file holds: metadata key/values and tensors, written in this order. */
export interface GgufSpec {
  /** Metadata by key, e.g. `general.architecture`. */
  metadata: Readonly<Record<string, GgufMetadataValue>>;
  /** Tensors; names must be unique. */
  tensors: readonly GgufTensor[];
  /** Tensor data alignment in bytes (written as `general.alignment` when not 32). */
  alignment?: number;
}

/** Numeric codes of GGUF value types (gguf.h). */
export const GGUF_VALUE_TYPE: Readonly<Record<GgufScalarType | 'array', number>> = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
};

/** Numeric codes of ggml tensor types. */
export const GGML_TYPE: Readonly<Record<GgufTensorType, number>> = { f32: 0, f16: 1 };

const DEFAULT_ALIGNMENT = 32;
const encoder = new TextEncoder();

/** Small helpers for readable metadata literals: `gguf.u32(3)`, `gguf.strings([...])`. */
export const gguf = {
  /** A `uint32` value. */
  u32: (value: number): GgufMetadataValue => ({ type: 'uint32', value }),
  /** An `int32` value. */
  i32: (value: number): GgufMetadataValue => ({ type: 'int32', value }),
  /** A `uint64` value. */
  u64: (value: number | bigint): GgufMetadataValue => ({ type: 'uint64', value }),
  /** A `float32` value. */
  f32: (value: number): GgufMetadataValue => ({ type: 'float32', value }),
  /** A `bool` value. */
  bool: (value: boolean): GgufMetadataValue => ({ type: 'bool', value }),
  /** A `string` value. */
  str: (value: string): GgufMetadataValue => ({ type: 'string', value }),
  /** An array of strings. */
  strings: (items: readonly string[]): GgufMetadataValue => ({ type: 'array', itemType: 'string', items }),
  /** An array of `float32`. */
  f32s: (items: readonly number[]): GgufMetadataValue => ({ type: 'array', itemType: 'float32', items }),
  /** An array of `int32`. */
  i32s: (items: readonly number[]): GgufMetadataValue => ({ type: 'array', itemType: 'int32', items }),
};

/** Growable little-endian byte buffer for the header. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  i8(v: number): void {
    this.reserve(1);
    this.view.setInt8(this.length, v);
    this.length += 1;
  }
  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  i16(v: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  f64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  u64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, v, true);
    this.length += 8;
  }
  i64(v: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.length, v, true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  string(s: string): void {
    const b = encoder.encode(s);
    this.u64(BigInt(b.length));
    this.bytes(b);
  }
  pad(alignment: number): void {
    const n = (alignment - (this.length % alignment)) % alignment;
    this.reserve(n);
    this.length += n; // buffer is zero-filled
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const INT_RANGES: Partial<Record<GgufScalarType, [number, number]>> = {
  uint8: [0, 0xff],
  int8: [-0x80, 0x7f],
  uint16: [0, 0xffff],
  int16: [-0x8000, 0x7fff],
  uint32: [0, 0xffffffff],
  int32: [-0x80000000, 0x7fffffff],
};

function writeScalar(sink: ByteSink, type: GgufScalarType, value: GgufScalar, path: string): void {
  const range = INT_RANGES[type];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw new ValidationError(`expected a ${type}, got ${String(value)}`, path);
    }
  }
  switch (type) {
    case 'uint8':
      return sink.u8(value as number);
    case 'int8':
      return sink.i8(value as number);
    case 'uint16':
      return sink.u16(value as number);
    case 'int16':
      return sink.i16(value as number);
    case 'uint32':
      return sink.u32(value as number);
    case 'int32':
      return sink.i32(value as number);
    case 'float32':
    case 'float64':
      if (typeof value !== 'number') throw new ValidationError(`expected a number for ${type}`, path);
      return type === 'float32' ? sink.f32(value) : sink.f64(value);
    case 'bool':
      if (typeof value !== 'boolean') throw new ValidationError('expected a boolean', path);
      return sink.u8(value ? 1 : 0);
    case 'string':
      if (typeof value !== 'string') throw new ValidationError('expected a string', path);
      return sink.string(value);
    case 'uint64':
    case 'int64': {
      if (typeof value !== 'bigint' && !(typeof value === 'number' && Number.isSafeInteger(value))) {
        throw new ValidationError(`expected an integer for ${type}`, path);
      }
      const big = BigInt(value);
      const ok = type === 'uint64' ? big >= 0n && big < 1n << 64n : big >= -(1n << 63n) && big < 1n << 63n;
      if (!ok) throw new ValidationError(`${type} out of range: ${big}`, path);
      return type === 'uint64' ? sink.u64(big) : sink.i64(big);
    }
  }
}

function tensorByteSize(t: GgufTensor): number {
  return t.data.length * (t.type === 'f32' ? 4 : 2);
}

function validateTensor(t: GgufTensor, index: number): void {
  const path = `$.tensors[${index}]`;
  if (t.dims.length < 1 || t.dims.length > 4) throw new ValidationError('1 to 4 dims', path);
  let n = 1;
  for (const d of t.dims) {
    if (!Number.isInteger(d) || d < 1) throw new ValidationError(`bad dim ${d}`, path);
    n *= d;
  }
  if (n !== t.data.length) {
    throw new ValidationError(`data has ${t.data.length} values, dims need ${n}`, path);
  }
}

/** Encodes the header (magic, KVs, tensor infos, padding) and returns where each tensor starts. */
export function encodeGgufHeader(spec: GgufSpec): {
  header: Uint8Array;
  offsets: number[];
  alignment: number;
} {
  const alignment = spec.alignment ?? DEFAULT_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment % 8 !== 0) {
    throw new ValidationError('alignment must be a positive multiple of 8', '$.alignment');
  }
  const metadata: Record<string, GgufMetadataValue> = { ...spec.metadata };
  if (alignment !== DEFAULT_ALIGNMENT) metadata['general.alignment'] = gguf.u32(alignment);
  const names = new Set<string>();
  spec.tensors.forEach((t, i) => {
    validateTensor(t, i);
    if (names.has(t.name)) throw new ValidationError(`duplicate tensor ${t.name}`, `$.tensors[${i}]`);
    names.add(t.name);
  });

  const sink = new ByteSink();
  sink.u32(0x46554747); // "GGUF"
  sink.u32(3);
  sink.u64(BigInt(spec.tensors.length));
  const entries = Object.entries(metadata);
  sink.u64(BigInt(entries.length));
  for (const [key, v] of entries) {
    const path = `$.metadata["${key}"]`;
    sink.string(key);
    sink.u32(GGUF_VALUE_TYPE[v.type]);
    if (v.type === 'array') {
      sink.u32(GGUF_VALUE_TYPE[v.itemType]);
      sink.u64(BigInt(v.items.length));
      v.items.forEach((item, i) => writeScalar(sink, v.itemType, item, `${path}[${i}]`));
    } else {
      writeScalar(sink, v.type, v.value, path);
    }
  }
  const offsets: number[] = [];
  let offset = 0;
  for (const t of spec.tensors) {
    sink.string(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(BigInt(d));
    sink.u32(GGML_TYPE[t.type]);
    sink.u64(BigInt(offset));
    offsets.push(offset);
    offset += tensorByteSize(t);
    offset += (alignment - (offset % alignment)) % alignment;
  }
  sink.pad(alignment);
  return { header: sink.result(), offsets, alignment };
}

const CHUNK_VALUES = 1 << 16;

/** Yields the bytes of a GGUF file in pieces, so large tensors never exist twice in memory. */
export function* encodeGguf(spec: GgufSpec): Generator<Uint8Array> {
  const { header, alignment } = encodeGgufHeader(spec);
  yield header;
  for (const t of spec.tensors) {
    const bytes = tensorByteSize(t);
    if (t.type === 'f32') {
      yield new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength).slice();
    } else {
      for (let start = 0; start < t.data.length; start += CHUNK_VALUES) {
        const end = Math.min(t.data.length, start + CHUNK_VALUES);
        const out = new Uint16Array(end - start);
        for (let i = start; i < end; i++) out[i - start] = toFloat16Bits(t.data[i] ?? 0);
        yield new Uint8Array(out.buffer);
      }
    }
    const pad = (alignment - (bytes % alignment)) % alignment;
    if (pad > 0) yield new Uint8Array(pad);
  }
}

/** The whole file in memory (tests, small models). */
export function encodeGgufToBuffer(spec: GgufSpec): Uint8Array {
  const parts = [...encodeGguf(spec)];
  return Buffer.concat(parts);
}

/**
 * Writes a GGUF file atomically (temporary file, then rename) and returns its size and sha256,
 * so a crash never leaves a half-written model where a loader would find it.
 */
export async function writeGguf(path: string, spec: GgufSpec): Promise<{ bytes: number; sha256: string }> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(tmp, 'w');
  try {
    for (const chunk of encodeGguf(spec)) {
      hash.update(chunk);
      bytes += chunk.length;
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
  return { bytes, sha256: hash.digest('hex') };
}
