/**
 * Holds the current version of each named workflow. Publishing swaps the value atomically: runs
 * that already took a workflow keep it, new runs get the new one.
 */
import { NotFoundError } from '@rustygpt/core';
import type { Workflow } from './workflow';

/** The current workflow per name, with a history of versions for traces and rollbacks. */
export class WorkflowRegistry<S> {
  private readonly current = new Map<string, Workflow<S>>();
  private readonly history = new Map<string, Workflow<S>[]>();
  private readonly listeners = new Set<(workflow: Workflow<S>) => void>();

  constructor(initial: Workflow<S>[] = []) {
    for (const w of initial) this.publish(w);
  }

  /** Makes `workflow` the version new runs of its name use. */
  publish(workflow: Workflow<S>): void {
    this.current.set(workflow.name, workflow);
    this.history.set(workflow.name, [...(this.history.get(workflow.name) ?? []), workflow]);
    for (const l of this.listeners) l(workflow);
  }

  /** Applies `change` to the current version and publishes the result. */
  update(name: string, change: (workflow: Workflow<S>) => Workflow<S>): Workflow<S> {
    const next = change(this.get(name));
    this.publish(next);
    return next;
  }

  /**
   * The current version of workflow `name`.
   * @throws NotFoundError (`NOT_FOUND`) when nothing was published under `name`.
   */
  get(name: string): Workflow<S> {
    const w = this.current.get(name);
    if (!w) throw new NotFoundError('workflow', name);
    return w;
  }

  /** Every published version of `name`, oldest first. */
  versions(name: string): Workflow<S>[] {
    return [...(this.history.get(name) ?? [])];
  }

  /** Calls `listener` with every workflow published from now on; returns the unsubscribe function. */
  onPublish(listener: (workflow: Workflow<S>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
