/**
 * A reasoning node: one unit of work in a workflow, declaring which keys of the shared state it
 * reads and writes so the orchestrator can schedule it (and skip it when nothing needs it).
 */

/** What a node can record about its own step in the trace. */
export interface StepNotes {
  /** What the node decided (e.g. `exact-match`, `deeper`) and why. */
  decide(decision: string, reason?: string): void;
  /** Entity and resource ids the node read or produced, for the trace and the DAG drawing. */
  touch(ids: { entityIds?: Iterable<number>; resourceIds?: Iterable<number> }): void;
}

/** What a node receives when it runs: its declared inputs plus run metadata. */
export interface NodeContext<S, I extends keyof S> {
  readonly input: Readonly<Pick<S, I>>;
  /** 1-based pass number (escalation re-runs the workflow with a deeper strategy). */
  readonly pass: number;
  readonly notes: StepNotes;
}

/** A node of the reasoning DAG, generic over the state map `S` it reads and writes. */
export interface Node<S, I extends keyof S = keyof S, O extends keyof S = keyof S> {
  readonly name: string;
  readonly inputs: readonly I[];
  readonly outputs: readonly O[];
  /** Higher runs first when several nodes are ready at once. */
  readonly priority: number;
  /** Per-node time limit in milliseconds (overrides the orchestrator default). */
  readonly timeoutMs?: number;
  /** Outputs to use when the node times out or fails, so the run can go on degraded. */
  fallback?(input: Readonly<Pick<S, I>>, error: unknown): Pick<S, O>;
  /**
   * Does the node's work: reads `ctx.input`, returns every key of `outputs`. `signal` fires when
   * the run is cancelled or the node's time limit passes; stop promptly when it does.
   */
  run(ctx: NodeContext<S, I>, signal: AbortSignal): Promise<Pick<S, O>>;
}

/** A node whose key types have been erased, as workflows store them. */
export type AnyNode<S> = Node<S, keyof S, keyof S>;

/** Declares a node with its key types inferred from `inputs`/`outputs` (keeps `run` type-safe). */
export function defineNode<S, I extends keyof S, O extends keyof S>(node: Node<S, I, O>): AnyNode<S> {
  return node as unknown as AnyNode<S>;
}
