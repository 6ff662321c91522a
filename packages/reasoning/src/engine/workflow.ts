/**
 * Workflows: immutable DAGs of nodes declared in code. Every change (add, remove, replace)
 * returns a new, re-validated workflow, so runs in flight keep the version they started with.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '@rustygpt/core';
import type { AnyNode } from './node';

/** What the orchestrator does after the control key of a pass is known. */
export type PassDecision<S> = { action: 'finish' } | { action: 'repeat'; feedback: (keyof S)[] };

/** Escalation: how a pass decides whether to stop or to run again with a deeper strategy. */
export interface EscalationPolicy<S> {
  /** Key computed first in every pass; its value drives `decide`. */
  control: keyof S;
  /** Upper bound on passes (the last pass always finishes). */
  maxPasses: number;
  /** Once `control` is known in pass `pass` (never the last): finish, or demand `feedback` and repeat. */
  decide(state: Partial<S>, pass: number): PassDecision<S>;
  /** Seed of the next pass, from the finished pass's state (feedback keys included). */
  nextSeed(state: Partial<S>, pass: number): Partial<S>;
}

/** The declaration {@link Workflow.create} validates: nodes, the keys given, the keys wanted. */
export interface WorkflowSpec<S> {
  /** Name the registry publishes the workflow under. */
  name: string;
  /** Keys the caller provides at the start of each pass. */
  seeds: (keyof S)[];
  /** Keys the run must produce (their producers and everything upstream run). */
  goals: (keyof S)[];
  /** Node names must be unique and each key written by one node at most. */
  nodes: AnyNode<S>[];
  /** Multi-pass policy; without it a run is a single pass. */
  escalation?: EscalationPolicy<S>;
}

/** An edge of the DAG: `to` reads `key`, which `from` writes. */
export interface WorkflowEdge<S> {
  from: string;
  to: string;
  key: keyof S;
}

/** A validated, immutable DAG of nodes. */
export class Workflow<S> {
  readonly name: string;
  /** Content hash of the node set and wiring: changes whenever a node is added, removed or replaced. */
  readonly version: string;
  readonly seeds: readonly (keyof S)[];
  readonly goals: readonly (keyof S)[];
  readonly escalation: EscalationPolicy<S> | undefined;
  readonly nodes: readonly AnyNode<S>[];
  readonly edges: readonly WorkflowEdge<S>[];
  /** Nodes in a dependency-respecting order (ties by priority, then name). */
  readonly order: readonly string[];
  private readonly byName: ReadonlyMap<string, AnyNode<S>>;
  private readonly producers: ReadonlyMap<keyof S, string>;

  private constructor(spec: WorkflowSpec<S>) {
    this.name = spec.name;
    this.seeds = Object.freeze([...spec.seeds]);
    this.goals = Object.freeze([...spec.goals]);
    this.escalation = spec.escalation;
    const byName = new Map<string, AnyNode<S>>();
    for (const node of spec.nodes) {
      if (!node.name) throw new ValidationError('a node needs a name', `$.nodes`);
      if (byName.has(node.name)) {
        throw new ValidationError(`duplicate node name "${node.name}"`, `$.nodes.${node.name}`);
      }
      byName.set(node.name, node);
    }
    this.byName = byName;
    this.nodes = Object.freeze([...spec.nodes]);
    const seedSet = new Set<keyof S>(spec.seeds);
    const producers = new Map<keyof S, string>();
    for (const node of spec.nodes) {
      for (const key of node.outputs) {
        if (seedSet.has(key)) {
          throw new ValidationError(
            `node "${node.name}" writes seed key "${String(key)}"`,
            `$.nodes.${node.name}`,
          );
        }
        const other = producers.get(key);
        if (other !== undefined) {
          throw new ValidationError(
            `key "${String(key)}" is written by both "${other}" and "${node.name}"`,
            `$.nodes.${node.name}`,
          );
        }
        producers.set(key, node.name);
      }
    }
    this.producers = producers;
    const edges: WorkflowEdge<S>[] = [];
    for (const node of spec.nodes) {
      for (const key of node.inputs) {
        if (seedSet.has(key)) continue;
        const from = producers.get(key);
        if (from === undefined) {
          throw new ValidationError(
            `node "${node.name}" needs "${String(key)}", which no node writes and no seed provides`,
            `$.nodes.${node.name}.inputs`,
          );
        }
        edges.push({ from, to: node.name, key });
      }
    }
    this.edges = Object.freeze(edges);
    for (const goal of spec.goals) {
      if (!seedSet.has(goal) && !producers.has(goal)) {
        throw new ValidationError(`goal "${String(goal)}" is produced by no node`, `$.goals`);
      }
    }
    if (spec.escalation) {
      const { control } = spec.escalation;
      if (!producers.has(control) && !seedSet.has(control)) {
        throw new ValidationError(`control key "${String(control)}" is produced by no node`, `$.escalation`);
      }
      if (!(spec.escalation.maxPasses >= 1))
        throw new ValidationError('maxPasses must be >= 1', `$.escalation`);
    }
    this.order = Object.freeze(topologicalOrder(spec.nodes, edges));
    this.version = hashWorkflow(spec);
    Object.freeze(this);
  }

  /** Builds and validates a workflow; throws ValidationError on cycles, duplicates or missing inputs. */
  static create<S>(spec: WorkflowSpec<S>): Workflow<S> {
    return new Workflow(spec);
  }

  /** The node named `name`, if the workflow has one. */
  node(name: string): AnyNode<S> | undefined {
    return this.byName.get(name);
  }

  /** Name of the node writing `key`, if any. */
  producerOf(key: keyof S): string | undefined {
    return this.producers.get(key);
  }

  /** A new workflow with `node` added. */
  withNode(node: AnyNode<S>): Workflow<S> {
    return new Workflow({ ...this.spec(), nodes: [...this.nodes, node] });
  }

  /** A new workflow without the node named `name` (its consumers must find their inputs elsewhere). */
  withoutNode(name: string): Workflow<S> {
    if (!this.byName.has(name)) throw new ValidationError(`no node named "${name}"`, `$.nodes`);
    return new Workflow({ ...this.spec(), nodes: this.nodes.filter((n) => n.name !== name) });
  }

  /** A new workflow where the node with the same name as `node` is swapped for it. */
  replaceNode(node: AnyNode<S>): Workflow<S> {
    if (!this.byName.has(node.name)) throw new ValidationError(`no node named "${node.name}"`, `$.nodes`);
    return new Workflow({ ...this.spec(), nodes: this.nodes.map((n) => (n.name === node.name ? node : n)) });
  }

  /** A new workflow with other goals or escalation. */
  with(changes: Partial<Omit<WorkflowSpec<S>, 'nodes'>>): Workflow<S> {
    return new Workflow({ ...this.spec(), ...changes });
  }

  /** Names of the nodes that must run to produce `keys` given the keys already present. */
  required(keys: Iterable<keyof S>, present: ReadonlySet<keyof S>, done: ReadonlySet<string>): Set<string> {
    const needed = new Set<string>();
    const stack = [...keys];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (present.has(key)) continue;
      const producer = this.producers.get(key);
      if (producer === undefined || needed.has(producer) || done.has(producer)) continue;
      needed.add(producer);
      for (const input of this.byName.get(producer)!.inputs) stack.push(input);
    }
    return needed;
  }

  private spec(): WorkflowSpec<S> {
    return {
      name: this.name,
      seeds: [...this.seeds],
      goals: [...this.goals],
      nodes: [...this.nodes],
      ...(this.escalation ? { escalation: this.escalation } : {}),
    };
  }
}

function topologicalOrder<S>(nodes: readonly AnyNode<S>[], edges: readonly WorkflowEdge<S>[]): string[] {
  const indegree = new Map<string, number>(nodes.map((n) => [n.name, 0]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  }
  const priority = new Map(nodes.map((n) => [n.name, n.priority]));
  const ready = nodes.filter((n) => indegree.get(n.name) === 0).map((n) => n.name);
  const order: string[] = [];
  const byPriority = (a: string, b: string): number =>
    (priority.get(b) ?? 0) - (priority.get(a) ?? 0) || a.localeCompare(b);
  while (ready.length > 0) {
    ready.sort(byPriority);
    const name = ready.shift()!;
    order.push(name);
    for (const to of out.get(name) ?? []) {
      const d = (indegree.get(to) ?? 0) - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  if (order.length < nodes.length) {
    const stuck = nodes.map((n) => n.name).filter((n) => !order.includes(n));
    throw new ValidationError(`workflow has a cycle through: ${stuck.join(', ')}`, `$.nodes`, {
      cycle: stuck,
    });
  }
  return order;
}

function hashWorkflow<S>(spec: WorkflowSpec<S>): string {
  const shape = spec.nodes
    .map((n) => ({
      name: n.name,
      inputs: n.inputs.map(String),
      outputs: n.outputs.map(String),
      priority: n.priority,
      timeoutMs: n.timeoutMs ?? null,
      id: nodeIdentity(n),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const digest = createHash('sha256')
    .update(JSON.stringify({ seeds: spec.seeds.map(String), goals: spec.goals.map(String), shape }))
    .digest('hex')
    .slice(0, 12);
  return `${spec.name}@${digest}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
/** Distinguishes two node objects with the same shape (a replaced node changes the version). */
function nodeIdentity(node: object): number {
  let id = identities.get(node);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(node, id);
  }
  return id;
}
