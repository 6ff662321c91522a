import { describe, expect, it } from 'vitest';
import { layers } from './layout';
import { mergeHops, startNeighbourhood } from './neighbourhood';
import { buildRunGraph, type TraceStep } from './run-graph';

const step = (id: string, node: string, parentId: string | null, order: number, pass = 1): TraceStep => ({
  id,
  node,
  pass,
  order,
  parentId,
  status: 'OK',
  durationMs: 1,
  entities: [],
});

describe('buildRunGraph', () => {
  it('links the run spine and the workflow edges between steps of one pass', () => {
    const steps = [
      step('r', 'run', null, 0, 0),
      step('p', 'pass', 'r', 1),
      step('a', 'entity-identification', 'p', 2),
      step('b', 'slot-resolution', 'p', 3),
      step('c', 'generation', 'p', 4),
    ];
    const graph = buildRunGraph(steps, [
      { from: 'entity-identification', to: 'slot-resolution', key: 'identification' },
      { from: 'slot-resolution', to: 'generation', key: 'slots' },
      { from: 'pruning', to: 'generation', key: 'workingSet' },
    ]);
    const links = graph.links.map((l) => `${l.from}>${l.to}`).sort();
    expect(links).toEqual(['a>b', 'b>c', 'p>a', 'r>p']);
  });
});

describe('layers', () => {
  it('puts each node one layer after its deepest predecessor and survives cycles', () => {
    const result = layers(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    );
    expect(result.get('c')! > result.get('b')!).toBe(true);
  });
});

describe('mergeHops', () => {
  it('adds new entities one ring out, keeps edges between drawn nodes, and caps the size', () => {
    const hood = startNeighbourhood({ id: 'sun', name: 'Sun', type: 'Star' });
    const hops = ['mercury', 'venus', 'earth'].map((id) => ({
      depth: 1,
      entity: { id, name: id, type: 'Planet' },
      via: [{ id: `r-${id}`, type: 'orbits', weight: 1, from: { id }, to: { id: 'sun' } }],
    }));
    const next = mergeHops(hood, 'sun', hops, 3);
    expect([...next.nodes.keys()]).toEqual(['sun', 'mercury', 'venus']);
    expect([...next.edges.keys()]).toEqual(['r-mercury', 'r-venus']);
    expect(next.truncated).toBe(true);
    expect(next.expanded.has('sun')).toBe(true);
  });
});

describe('layeredLayout', () => {
  it('wraps a long chain into bands', async () => {
    const { layeredLayout } = await import('./layout');
    const ids = ['a', 'b', 'c', 'd'];
    const chain = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
    ];
    const placed = layeredLayout(ids, chain, { x: 100, y: 100 }, 2);
    expect(placed.map((p) => p.x)).toEqual([0, 100, 0, 100]);
    expect(placed[2]!.y).toBeGreaterThan(placed[1]!.y);
  });
});
