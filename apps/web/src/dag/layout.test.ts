import { describe, expect, it } from 'vitest';
import { layeredLayout, layers, radialLayout, type Placed } from './layout';

const at = (placed: Placed[]) => Object.fromEntries(placed.map((p) => [p.id, [p.x, p.y]]));

describe('layers', () => {
  it('gives unconnected nodes layer 0 and ignores links to unknown nodes', () => {
    const result = layers(['a', 'b'], [{ from: 'ghost', to: 'b' }]);
    expect([...result]).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });
});

describe('layeredLayout', () => {
  it('puts a fan-out in columns, stacks siblings, and lowers odd columns by half a row', () => {
    const placed = layeredLayout(
      ['root', 'left', 'right', 'sink'],
      [
        { from: 'root', to: 'left' },
        { from: 'root', to: 'right' },
        { from: 'left', to: 'sink' },
        { from: 'right', to: 'sink' },
      ],
      { x: 200, y: 100 },
    );
    expect(at(placed)).toEqual({
      root: [0, 0],
      left: [200, 50],
      right: [200, 150],
      sink: [400, 0],
    });
  });

  it('keeps the input order of nodes and uses the default spacing', () => {
    const placed = layeredLayout(['b', 'a'], [{ from: 'a', to: 'b' }]);
    expect(placed).toEqual([
      { id: 'b', x: 260, y: 65 },
      { id: 'a', x: 0, y: 0 },
    ]);
  });

  it('starts each band below the tallest column of the previous one', () => {
    // a → b → c with two nodes in the second column: bands are 3 rows of 100 tall
    const placed = layeredLayout(
      ['a', 'b', 'b2', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b2' },
        { from: 'b', to: 'c' },
      ],
      { x: 100, y: 100 },
      2,
    );
    expect(at(placed).c).toEqual([0, 300]);
  });
});

describe('radialLayout', () => {
  it('keeps the centre at the origin and spreads the first ring evenly around it', () => {
    const placed = radialLayout(
      new Map([
        ['sun', 0],
        ['a', 1],
        ['b', 1],
        ['c', 1],
        ['d', 1],
      ]),
      100,
    );
    expect(placed[0]).toEqual({ id: 'sun', x: 0, y: 0 });
    const ring = placed.slice(1);
    for (const p of ring) expect(Math.hypot(p.x, p.y)).toBeCloseTo(100, 0);
    // four nodes a quarter turn apart, the ring turned by 0.35 rad
    expect(ring[0]).toEqual({
      id: 'a',
      x: Math.round(100 * Math.cos(0.35)),
      y: Math.round(100 * Math.sin(0.35)),
    });
    expect(ring[2]).toEqual({ id: 'c', x: -ring[0]!.x, y: -ring[0]!.y });
  });

  it('puts further hops on wider rings and widens a crowded ring', () => {
    const depthOf = new Map<string, number>([['centre', 0]]);
    for (let i = 0; i < 14; i++) depthOf.set(`near${i}`, 1);
    depthOf.set('far', 2);
    const placed = radialLayout(depthOf, 240);
    const radius = (id: string) => {
      const p = placed.find((q) => q.id === id)!;
      return Math.hypot(p.x, p.y);
    };
    // 14 nodes on ring 1: two over twelve, so 2 × 6 px wider
    expect(radius('near0')).toBeCloseTo(252, 0);
    expect(radius('far')).toBeCloseTo(480, 0);
    expect(placed).toHaveLength(16);
  });

  it('lines up several centres side by side', () => {
    expect(
      radialLayout(
        new Map([
          ['a', 0],
          ['b', 0],
        ]),
      ),
    ).toEqual([
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 60, y: 0 },
    ]);
  });
});
