import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromFloat16Bits, toFloat16Bits } from './float16';

describe('float16', () => {
  it('encodes well-known values exactly', () => {
    expect(toFloat16Bits(0)).toBe(0);
    expect(toFloat16Bits(-0)).toBe(0x8000);
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(2 ** -24)).toBe(1);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
  });

  it('round-trips every half value', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const v = fromFloat16Bits(bits);
      if (Number.isNaN(v)) continue;
      expect(toFloat16Bits(v)).toBe(bits);
    }
  });

  it('rounds to the nearest representable half', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const y = fromFloat16Bits(toFloat16Bits(x));
        const ulp = Math.max(2 ** -24, 2 ** (Math.floor(Math.log2(Math.abs(x) || 1)) - 10));
        expect(Math.abs(y - x)).toBeLessThanOrEqual(ulp / 2 + 1e-30);
      }),
    );
  });
});
