import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gguf as parseGguf } from '@huggingface/gguf';
import { fromFloat16Bits } from './float16';
import {
  encodeGgufToBuffer,
  gguf,
  writeGguf,
  type GgufMetadataValue,
  type GgufScalarType,
  type GgufTensor,
} from './gguf-writer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-gguf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readBack(path: string) {
  const parsed = await parseGguf(path, { allowLocalFile: true, typedMetadata: true });
  const file = await readFile(path);
  const tensorValues = (name: string): number[] => {
    const info = parsed.tensorInfos.find((t) => t.name === name);
    if (!info) throw new Error(`no tensor ${name}`);
    const count = info.shape.reduce((a, b) => a * Number(b), 1);
    const start = Number(parsed.tensorDataOffset + info.offset);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      out.push(
        Number(info.dtype) === 0
          ? file.readFloatLE(start + i * 4)
          : fromFloat16Bits(file.readUInt16LE(start + i * 2)),
      );
    }
    return out;
  };
  return { parsed, tensorValues };
}

describe('writeGguf', () => {
  it('writes metadata of every type and f32/f16 tensors that @huggingface/gguf reads back', async () => {
    const path = join(dir, 'all-types.gguf');
    const metadata: Record<string, GgufMetadataValue> = {
      'general.architecture': gguf.str('bert'),
      'test.u8': { type: 'uint8', value: 255 },
      'test.i8': { type: 'int8', value: -128 },
      'test.u16': { type: 'uint16', value: 65535 },
      'test.i16': { type: 'int16', value: -32768 },
      'test.u32': gguf.u32(4294967295),
      'test.i32': gguf.i32(-2147483648),
      'test.f32': gguf.f32(1.5),
      'test.bool': gguf.bool(true),
      'test.u64': gguf.u64(2n ** 63n + 5n),
      'test.i64': { type: 'int64', value: -(2n ** 62n) },
      'test.f64': { type: 'float64', value: Math.PI },
      'test.strings': gguf.strings(['▁héllo', '', 'wörld']),
      'test.f32s': gguf.f32s([0.5, -2]),
    };
    const tensors: GgufTensor[] = [
      { name: 'a.weight', dims: [3, 2], type: 'f32', data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'b.weight', dims: [5], type: 'f16', data: Float32Array.from([0.5, -1, 2, 0.25, 65504]) },
    ];
    const { bytes, sha256 } = await writeGguf(path, { metadata, tensors });
    const file = await readFile(path);
    expect(file.length).toBe(bytes);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    const { parsed, tensorValues } = await readBack(path);
    const md = parsed.typedMetadata;
    expect(md.version.value).toBe(3);
    expect(md['test.u8']?.value).toBe(255);
    expect(md['test.i8']?.value).toBe(-128);
    expect(md['test.u16']?.value).toBe(65535);
    expect(md['test.i16']?.value).toBe(-32768);
    expect(md['test.u32']?.value).toBe(4294967295);
    expect(md['test.i32']?.value).toBe(-2147483648);
    expect(md['test.f32']?.value).toBe(1.5);
    expect(md['test.bool']?.value).toBe(true);
    expect(md['test.u64']?.value).toBe(2n ** 63n + 5n);
    expect(md['test.i64']?.value).toBe(-(2n ** 62n));
    expect(md['test.f64']?.value).toBe(Math.PI);
    expect(md['test.strings']?.value).toEqual(['▁héllo', '', 'wörld']);
    expect(md['test.f32s']?.value).toEqual([0.5, -2]);
    expect(parsed.tensorInfos.map((t) => [t.name, t.shape.map(Number)])).toEqual([
      ['a.weight', [3, 2]],
      ['b.weight', [5]],
    ]);
    expect(Number(parsed.tensorDataOffset) % 32).toBe(0);
    expect(tensorValues('a.weight')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensorValues('b.weight')).toEqual([0.5, -1, 2, 0.25, 65504]);
  });

  it('rejects values outside their type and tensors whose data does not match dims', () => {
    expect(() => encodeGgufToBuffer({ metadata: { x: { type: 'uint8', value: 256 } }, tensors: [] })).toThrow(
      /uint8/,
    );
    expect(() => encodeGgufToBuffer({ metadata: { x: gguf.u32(-1) }, tensors: [] })).toThrow(/uint32/);
    expect(() =>
      encodeGgufToBuffer({
        metadata: {},
        tensors: [{ name: 't', dims: [2, 2], type: 'f32', data: new Float32Array(3) }],
      }),
    ).toThrow(/dims need 4/);
  });

  it('round-trips random metadata and tensors at any alignment (property)', async () => {
    const scalar = (type: GgufScalarType): fc.Arbitrary<GgufMetadataValue> => {
      const arb: Record<GgufScalarType, fc.Arbitrary<number | bigint | boolean | string>> = {
        uint8: fc.integer({ min: 0, max: 255 }),
        int8: fc.integer({ min: -128, max: 127 }),
        uint16: fc.integer({ min: 0, max: 65535 }),
        int16: fc.integer({ min: -32768, max: 32767 }),
        uint32: fc.integer({ min: 0, max: 4294967295 }),
        int32: fc.integer({ min: -2147483648, max: 2147483647 }),
        float32: fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => Math.fround(x)),
        float64: fc.double({ noNaN: true, noDefaultInfinity: true }),
        bool: fc.boolean(),
        string: fc.string({ unit: 'grapheme', maxLength: 12 }),
        uint64: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        int64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      };
      return fc.oneof(
        arb[type].map((value) => ({ type, value })),
        fc
          .array(arb[type], { maxLength: 5 })
          .map((items) => ({ type: 'array' as const, itemType: type, items })),
      );
    };
    const types: GgufScalarType[] = [
      'uint8',
      'int8',
      'uint16',
      'int16',
      'uint32',
      'int32',
      'float32',
      'float64',
      'bool',
      'string',
      'uint64',
      'int64',
    ];
    const metadataArb = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}\.[a-z_]{1,8}$/),
      fc.constantFrom(...types).chain(scalar),
      { maxKeys: 8 },
    );
    const tensorArb = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<'f32' | 'f16'>('f32', 'f16'),
      )
      .chain(([dims, type]) =>
        fc
          .array(fc.integer({ min: -2048, max: 2048 }), {
            minLength: dims.reduce((a, b) => a * b, 1),
            maxLength: dims.reduce((a, b) => a * b, 1),
          })
          .map((ints) => ({ dims, type, data: Float32Array.from(ints.map((i) => i / 8)) })),
      );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        metadataArb,
        fc.array(tensorArb, { maxLength: 4 }),
        fc.constantFrom(8, 32, 64),
        async (metadata, rawTensors, alignment) => {
          const tensors = rawTensors.map((t, i) => ({ ...t, name: `t${i}.weight` }));
          const path = join(dir, `prop-${run++}.gguf`);
          await writeGguf(path, { metadata, tensors, alignment });
          const { parsed, tensorValues } = await readBack(path);
          for (const [key, v] of Object.entries(metadata)) {
            const got = parsed.typedMetadata[key]?.value;
            expect(got).toEqual(v.type === 'array' ? v.items : v.value);
          }
          expect(Number(parsed.tensorDataOffset) % alignment).toBe(0);
          for (const t of tensors) {
            const info = parsed.tensorInfos.find((x) => x.name === t.name);
            expect(info?.shape.map(Number)).toEqual(t.dims);
            expect(Number(info?.offset) % alignment).toBe(0);
            expect(tensorValues(t.name)).toEqual([...t.data]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
