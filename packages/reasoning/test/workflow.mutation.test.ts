/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): every validation
 * error of a workflow with its message and `$.path`, the escalation checks, which nodes `required`
 * returns, the dependency order at priority ties, and the version hash.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../src/engine/node';
import { Workflow, type EscalationPolicy, type WorkflowSpec } from '../src/engine/workflow';

interface S {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
}

const node = (name: string, inputs: (keyof S)[], outputs: (keyof S)[], priority = 0): AnyNode<S> =>
  defineNode<S, keyof S, keyof S>({
    name,
    inputs,
    outputs,
    priority,
    run: async () => Object.fromEntries(outputs.map((o) => [o, 1])) as Pick<S, keyof S>,
  });

/** a (seed) -> one -> b -> two -> c -> three -> d */
const chain = (): AnyNode<S>[] => [
  node('one', ['a'], ['b']),
  node('two', ['b'], ['c']),
  node('three', ['c'], ['d']),
];

const spec = (overrides: Partial<WorkflowSpec<S>> = {}): WorkflowSpec<S> => ({
  name: 'w',
  seeds: ['a'],
  goals: ['d'],
  nodes: chain(),
  ...overrides,
});

const policy = (overrides: Partial<EscalationPolicy<S>> = {}): EscalationPolicy<S> => ({
  control: 'b',
  maxPasses: 2,
  decide: () => ({ action: 'finish' }),
  nextSeed: (state) => state,
  ...overrides,
});

/** The ValidationError `create` throws for `s`, to check its message and path. */
function rejection(s: WorkflowSpec<S>): ValidationError {
  try {
    Workflow.create(s);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the workflow was accepted');
}

describe('Workflow validation messages and paths (from surviving mutants)', () => {
  it('rejects a node without a name', () => {
    const error = rejection(spec({ nodes: [...chain(), node('', ['a'], ['e'])] }));
    expect(error.message).toBe('$.nodes: a node needs a name');
    expect(error.path).toBe('$.nodes');
  });

  it('points at the duplicated node', () => {
    const error = rejection(spec({ nodes: [...chain(), node('two', ['a'], ['e'])] }));
    expect(error.message).toBe('$.nodes.two: duplicate node name "two"');
  });

  it('rejects a node that writes a seed key', () => {
    const error = rejection(spec({ nodes: [...chain(), node('reseed', ['b'], ['a'])] }));
    expect(error.message).toBe('$.nodes.reseed: node "reseed" writes seed key "a"');
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('points at the second writer of a key', () => {
    const error = rejection(spec({ nodes: [...chain(), node('again', ['a'], ['c'])] }));
    expect(error.message).toBe('$.nodes.again: key "c" is written by both "two" and "again"');
  });

  it('points at the inputs of a node whose input nothing provides', () => {
    const error = rejection(spec({ nodes: [...chain(), node('orphan', ['e'], [])] }));
    expect(error.message).toBe(
      '$.nodes.orphan.inputs: node "orphan" needs "e", which no node writes and no seed provides',
    );
  });

  it('rejects a goal no node produces, and accepts a goal that is a seed', () => {
    const error = rejection(spec({ goals: ['d', 'e'] }));
    expect(error.message).toBe('$.goals: goal "e" is produced by no node');
    expect(Workflow.create(spec({ goals: ['a', 'd'] })).goals).toEqual(['a', 'd']);
  });

  it('lists only the nodes caught in or behind a cycle, with the cycle in the details', () => {
    const error = rejection(
      spec({
        goals: ['e'],
        nodes: [
          node('fine', ['a'], ['e']),
          node('x', ['c'], ['b']),
          node('y', ['b'], ['c']),
          node('z', ['c'], ['d']),
        ],
      }),
    );
    expect(error.message).toBe('$.nodes: workflow has a cycle through: x, y, z');
    expect(error.details).toMatchObject({ cycle: ['x', 'y', 'z'], path: '$.nodes' });
  });
});

describe('Workflow escalation checks (from surviving mutants)', () => {
  it('rejects a control key that no node produces and no seed provides', () => {
    const error = rejection(spec({ escalation: policy({ control: 'e' }) }));
    expect(error.message).toBe('$.escalation: control key "e" is produced by no node');
  });

  it('accepts a control key that is produced, or seeded', () => {
    expect(Workflow.create(spec({ escalation: policy({ control: 'b' }) })).escalation?.control).toBe('b');
    expect(Workflow.create(spec({ escalation: policy({ control: 'a' }) })).escalation?.control).toBe('a');
  });

  it('rejects fewer than one pass, or no number at all, and accepts exactly one', () => {
    for (const maxPasses of [0, -1, Number.NaN]) {
      const error = rejection(spec({ escalation: policy({ maxPasses }) }));
      expect(error.message).toBe('$.escalation: maxPasses must be >= 1');
    }
    expect(Workflow.create(spec({ escalation: policy({ maxPasses: 1 }) })).escalation?.maxPasses).toBe(1);
  });

  it('keeps the escalation policy through node changes', () => {
    const escalation = policy();
    const w = Workflow.create(spec({ escalation }));
    expect(w.withNode(node('extra', ['a'], ['e'])).escalation).toBe(escalation);
    expect(w.replaceNode(node('three', ['c'], ['d'], 3)).escalation).toBe(escalation);
    expect(w.with({ goals: ['c'] }).escalation).toBe(escalation);
  });
});

describe('Workflow node changes (from surviving mutants)', () => {
  it('refuses to remove or replace a node it does not have', () => {
    const w = Workflow.create(spec());
    expect(() => w.withoutNode('four')).toThrow(new ValidationError('no node named "four"', '$.nodes'));
    expect(() => w.replaceNode(node('four', ['a'], ['e']))).toThrow(
      new ValidationError('no node named "four"', '$.nodes'),
    );
  });

  it('names the producer of a key, and none for a seed or an unknown key', () => {
    const w = Workflow.create(spec());
    expect(w.producerOf('c')).toBe('two');
    expect(w.producerOf('a')).toBeUndefined();
    expect(w.producerOf('e')).toBeUndefined();
  });
});

describe('Workflow.required (from surviving mutants)', () => {
  const w = (): Workflow<S> => Workflow.create(spec());

  it('stops at keys already present', () => {
    expect([...w().required(['d'], new Set(['a', 'c']), new Set())]).toEqual(['three']);
  });

  it('skips nodes already done in the pass', () => {
    expect([...w().required(['d'], new Set(['a']), new Set(['two']))]).toEqual(['three']);
  });

  it('needs nothing for a seed key, even one the state lacks', () => {
    expect([...w().required(['a'], new Set(), new Set())]).toEqual([]);
    expect([...w().required(['b'], new Set(), new Set())]).toEqual(['one']);
  });

  it('lists a shared upstream node once', () => {
    const diamond = Workflow.create(
      spec({
        goals: ['e'],
        nodes: [
          node('one', ['a'], ['b']),
          node('left', ['b'], ['c']),
          node('right', ['b'], ['d']),
          node('join', ['c', 'd'], ['e']),
        ],
      }),
    );
    expect([...diamond.required(['e'], new Set(['a']), new Set())].sort()).toEqual([
      'join',
      'left',
      'one',
      'right',
    ]);
  });
});

describe('Workflow dependency order (from surviving mutants)', () => {
  it('orders ready nodes by priority, highest first, and a node after all its inputs', () => {
    // zeta (priority 9) and alpha (0) are ready at once, in the opposite of name order; x (5)
    // needs both, so it comes last even though it outranks alpha once zeta is done
    const w = Workflow.create(
      spec({
        goals: ['d'],
        nodes: [
          node('x', ['b', 'c'], ['d'], 5),
          node('alpha', ['a'], ['c'], 0),
          node('zeta', ['a'], ['b'], 9),
        ],
      }),
    );
    expect(w.order).toEqual(['zeta', 'alpha', 'x']);
  });

  it('breaks priority ties by name and puts negative priorities last', () => {
    const w = Workflow.create(
      spec({
        goals: ['e'],
        nodes: [
          node('m', ['a'], ['b'], 0),
          node('first-by-name', ['a'], ['c'], -1),
          node('k', ['a'], ['d'], 0),
          node('all', ['b', 'c', 'd'], ['e'], 0),
        ],
      }),
    );
    expect(w.order).toEqual(['k', 'm', 'first-by-name', 'all']);
  });
});

describe('Workflow version (from surviving mutants)', () => {
  it('is the name and a 12-hex-digit hash', () => {
    expect(Workflow.create(spec()).version).toMatch(/^w@[0-9a-f]{12}$/);
  });

  it('is the same for the same nodes, whatever their declaration order', () => {
    const nodes = chain();
    const first = Workflow.create(spec({ nodes }));
    expect(Workflow.create(spec({ nodes: [...nodes].reverse() })).version).toBe(first.version);
    expect(first.with({}).version).toBe(first.version);
  });

  it('changes with the seeds or the goals', () => {
    const nodes = chain();
    const base = Workflow.create(spec({ nodes }));
    expect(Workflow.create(spec({ nodes, goals: ['c'] })).version).not.toBe(base.version);
    expect(Workflow.create(spec({ nodes, seeds: ['a', 'e'] })).version).not.toBe(base.version);
  });
});
