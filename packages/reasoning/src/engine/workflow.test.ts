import { describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import { defineNode, type AnyNode } from './node';
import { Workflow } from './workflow';
import { WorkflowRegistry } from './workflow-registry';

interface S {
  a: number;
  b: number;
  c: number;
  d: number;
}

const node = (name: string, inputs: (keyof S)[], outputs: (keyof S)[], priority = 0): AnyNode<S> =>
  defineNode<S, keyof S, keyof S>({
    name,
    inputs,
    outputs,
    priority,
    run: async () => Object.fromEntries(outputs.map((o) => [o, 1])) as Pick<S, keyof S>,
  });

const base = (): Workflow<S> =>
  Workflow.create<S>({
    name: 'w',
    seeds: ['a'],
    goals: ['d'],
    nodes: [node('one', ['a'], ['b']), node('two', ['b'], ['c']), node('three', ['c'], ['d'])],
  });

describe('Workflow', () => {
  it('derives edges and a dependency order from declared inputs and outputs', () => {
    const w = base();
    expect(w.order).toEqual(['one', 'two', 'three']);
    expect(w.edges.map((e) => `${e.from}->${e.to}:${String(e.key)}`)).toEqual(['one->two:b', 'two->three:c']);
  });

  it('rejects cycles when built', () => {
    expect(() =>
      Workflow.create<S>({
        name: 'w',
        seeds: ['a'],
        goals: ['d'],
        nodes: [node('x', ['c'], ['b']), node('y', ['b'], ['c']), node('z', ['c'], ['d'])],
      }),
    ).toThrow(/cycle through: x, y/);
  });

  it('rejects a node whose input nothing provides', () => {
    expect(() =>
      Workflow.create<S>({ name: 'w', seeds: [], goals: ['b'], nodes: [node('one', ['a'], ['b'])] }),
    ).toThrow(ValidationError);
  });

  it('rejects two writers of one key and duplicate names', () => {
    expect(() => base().withNode(node('other', ['a'], ['b']))).toThrow(/written by both/);
    expect(() => base().withNode(node('one', ['a'], ['d']))).toThrow(/duplicate node name/);
  });

  it('adds, removes and replaces nodes as new immutable versions', () => {
    const w = base();
    const replaced = w.replaceNode(node('two', ['b'], ['c'], 5));
    expect(replaced).not.toBe(w);
    expect(replaced.version).not.toBe(w.version);
    expect(w.node('two')!.priority).toBe(0);
    expect(replaced.node('two')!.priority).toBe(5);
    expect(() => w.withoutNode('two')).toThrow(/needs "c"/);
    const bypass = w
      .with({ goals: ['b'] })
      .withoutNode('three')
      .replaceNode(node('two', ['a'], ['c']));
    expect(bypass.order).toEqual(['one', 'two']);
    expect(bypass.edges).toEqual([]);
    expect(Object.isFrozen(w)).toBe(true);
  });

  it('computes only the nodes needed for a key', () => {
    const w = base().withNode(node('extra', ['b'], []));
    expect([...w.required(['c'], new Set(['a']), new Set())].sort()).toEqual(['one', 'two']);
  });
});

describe('WorkflowRegistry', () => {
  it('hands new runs the newest version while earlier holders keep theirs', () => {
    const registry = new WorkflowRegistry<S>([base()]);
    const inFlight = registry.get('w');
    const next = registry.update('w', (w) => w.replaceNode(node('three', ['c'], ['d'], 9)));
    expect(registry.get('w')).toBe(next);
    expect(inFlight.node('three')!.priority).toBe(0);
    expect(registry.versions('w')).toHaveLength(2);
  });
});
