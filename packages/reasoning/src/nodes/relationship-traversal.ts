/**
 * Node 3, relationship traversal: turns the slots into an answer set by walking the graph.
 * Direct links first; several anchors are intersected ("the X that has Y and is related to
 * Z"); the remaining relationship types are followed as a chain, in the order closest to the
 * anchors first, depth-first, and transitively (bounded depth) only on deeper passes when a
 * direct chain finds nothing.
 */
import type { Entity, Neighbour } from '@rustygpt/core';
import type { Edge } from '../support/graph-cache';
import { throwIfAborted, tokenize } from '@rustygpt/core';
import { stem } from '../lexicon/stem';
import { defineNode, type AnyNode } from '../engine/node';
import type { ReasoningServices } from '../services';
import type { Fact, Mention, ReasoningState, Resolution, SlotFrame, TermMatch } from '../state';

/** Node name of relationship traversal, as it appears in traces and in `Workflow.node`. */
export const RELATIONSHIP_TRAVERSAL = 'relationship-traversal';

const NEIGHBOUR_LIMIT = 1000;

interface Link {
  from: Entity;
  neighbour: Neighbour;
}

/** Creates the relationship-traversal node. */
export function relationshipTraversalNode(services: ReasoningServices): AnyNode<ReasoningState> {
  return defineNode<ReasoningState, 'slots' | 'memory', 'resolution'>({
    name: RELATIONSHIP_TRAVERSAL,
    inputs: ['slots', 'memory'],
    outputs: ['resolution'],
    priority: 80,
    timeoutMs: 8_000,
    async run({ input, notes }, signal) {
      const walker = new Walker(services, signal);
      const resolution = await resolve(walker, input.slots, input.memory.level);
      notes.touch({ entityIds: [...resolution.explored] });
      notes.decide(
        resolution.targets.length > 0 || resolution.verdict !== null ? 'resolved' : 'unresolved',
        resolution.plan,
      );
      return { resolution };
    },
  });
}

/** Loaded and not archived: archived entities are no answer and support none. */
function isLive(entity: Entity | undefined): entity is Entity {
  return entity !== undefined && entity.state !== 'archived';
}

/** Graph access through the shared active-set cache; records what the run explored. */
class Walker {
  readonly explored = new Set<number>();

  constructor(
    private readonly services: ReasoningServices,
    readonly signal: AbortSignal,
  ) {}

  /** Links of one entity (optionally only of some types), other ends loaded. */
  neighbours(entity: Entity, types?: string[]): Promise<Link[]> {
    return this.expand([entity], types);
  }

  /** Links of a whole frontier in one edge lookup and one entity lookup (both cached). */
  async expand(frontier: Entity[], types?: string[]): Promise<Link[]> {
    const edges = await this.edges(frontier.map((e) => e.id));
    const chosen: { from: Entity; edge: Edge }[] = [];
    for (const from of frontier) {
      for (const edge of edges.get(from.id) ?? []) {
        if (!types || types.includes(edge.relationship.type)) chosen.push({ from, edge });
      }
    }
    const others = await this.entities(chosen.map((c) => c.edge.otherId));
    return chosen.flatMap(({ from, edge }) => {
      const entity = others.get(edge.otherId);
      return isLive(entity)
        ? [{ from, neighbour: { relationship: edge.relationship, entity, direction: edge.direction } }]
        : [];
    });
  }

  /** Edges of entities without loading the other ends (for set operations). */
  async edges(ids: number[]): Promise<Map<number, Edge[]>> {
    throwIfAborted(this.signal);
    const edges = await this.services.graph.edges(this.services.store, ids);
    for (const [id, list] of edges) {
      this.explored.add(id);
      for (const e of list) this.explored.add(e.otherId);
    }
    return edges;
  }

  async entities(ids: number[]): Promise<Map<number, Entity>> {
    const list = await this.services.graph.getEntities(this.services.store, [...new Set(ids)]);
    return new Map(list.map((e) => [e.id, e]));
  }

  async transitive(
    starts: Entity[],
    types: string[],
    depth: number,
  ): Promise<{ targets: Entity[]; facts: Fact[] }> {
    const hops = await this.services.store.traverse(
      starts.map((e) => e.id),
      { depth, types, direction: 'both', limit: NEIGHBOUR_LIMIT },
    );
    const startIds = new Set(starts.map((e) => e.id));
    const far = hops.filter((h) => !startIds.has(h.entityId));
    const relIds = [...new Set(far.flatMap((h) => h.viaRelationshipIds))];
    const [entities, relationships] = await Promise.all([
      this.services.store.getEntities(far.map((h) => h.entityId)),
      this.services.store.getRelationships(relIds),
    ]);
    const ids = [...new Set(relationships.flatMap((r) => [r.fromId, r.toId]))];
    const byId = new Map((await this.services.store.getEntities(ids)).map((e) => [e.id, e]));
    for (const id of ids) this.explored.add(id);
    const facts: Fact[] = relationships.flatMap((r) => {
      const from = byId.get(r.fromId);
      const to = byId.get(r.toId);
      return isLive(from) && isLive(to) ? [{ kind: 'relationship' as const, relationship: r, from, to }] : [];
    });
    return { targets: entities.filter(isLive), facts };
  }
}

function linkFact(link: Link): Fact {
  const { neighbour, from } = link;
  return neighbour.direction === 'out'
    ? { kind: 'relationship', relationship: neighbour.relationship, from, to: neighbour.entity }
    : { kind: 'relationship', relationship: neighbour.relationship, from: neighbour.entity, to: from };
}

function unique(entities: Entity[]): Entity[] {
  const seen = new Map<number, Entity>();
  for (const e of entities) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}

/** Builds and executes the traversal plan for a slot frame. */
export async function resolve(walker: Walker, slots: SlotFrame, level: number): Promise<Resolution> {
  const empty = (plan: string): Resolution => ({
    targets: [],
    values: [],
    verdict: null,
    facts: [...slots.filled],
    explored: [...walker.explored],
    plan,
  });
  const anchors = slots.anchors;
  if (anchors.length === 0) return empty('no anchor entity');
  const anchorEntities = unique(anchors.map((a) => a.entity));

  // An attribute the anchors carry themselves wins over a relationship named by the same word.
  const attributeHere = slots.attributes.filter((a) =>
    anchorEntities.some((e) => e.attributes[a.name] !== undefined),
  );
  let relations = slots.relationTypes.filter(
    (r) => !attributeHere.some((a) => a.positions.some((p) => r.positions.includes(p))),
  );

  if (slots.kind === 'yesno') return yesNo(walker, anchorEntities, relations, empty);

  if (relations.length === 0 && slots.filled.length > 0) {
    const values = slots.filled.flatMap((f) =>
      f.kind === 'attribute' ? [{ entity: f.entity, name: f.name, value: f.value }] : [],
    );
    return {
      ...empty(`attribute of anchor (${values.map((v) => v.name).join(', ')})`),
      targets: values.map((v) => v.entity),
      values,
    };
  }

  const walks: Walked[] = [];
  let focus: Entity[] = anchorEntities;
  const steps: string[] = [];
  if (anchorEntities.length >= 2) {
    const intersection = await intersect(walker, anchors, relations, slots.entityTypes);
    if (intersection) {
      focus = intersection.entities;
      walks.push(...intersection.walks);
      relations = relations.filter((r) => !intersection.consumed.has(r.name));
      steps.push(
        `intersect(${anchorEntities.length})${intersection.consumed.size > 0 ? ` via ${[...intersection.consumed].join(', ')}` : ''}`,
      );
    } else steps.push('each anchor');
  }

  let targets = focus;
  if (relations.length > 0) {
    const chain = await followChain(walker, focus, relations, anchors, level, slots.entityTypes);
    if (!chain)
      return empty([...steps, `no path via ${relations.map((r) => r.name).join(' > ')}`].join(' > '));
    targets = chain.targets;
    walks.push(...chain.walks);
    steps.push(chain.plan);
    if (level >= 2 && slots.entityTypes.length > 0 && filterByType(targets, slots.entityTypes).length === 0) {
      // The direct chain ends on the wrong kind of entity: follow the same types further.
      const far = await walker.transitive(
        focus,
        relations.map((r) => r.name),
        3,
      );
      const typed = filterByType(far.targets, slots.entityTypes);
      if (typed.length > 0) {
        targets = typed;
        walks.push(...far.facts.map((fact) => ({ fact, src: -1, dst: -1 })));
        steps.push(`transitive(${relations.map((r) => r.name).join('|')}, depth<=3)`);
      }
    }
  } else if (anchorEntities.length === 1 && slots.entityTypes.length > 0 && slots.attributes.length === 0) {
    // "Which elements are noble gases?": members of the anchor of the asked type.
    const wanted = new Set(slots.entityTypes.map((t) => t.name));
    const anchor = anchorEntities[0]!;
    if (!wanted.has(anchor.type)) {
      const links = (await walker.neighbours(anchor)).filter((l) => wanted.has(l.neighbour.entity.type));
      if (links.length > 0) {
        targets = unique(links.map((l) => l.neighbour.entity));
        walks.push(...walked(links));
        steps.push(`members of ${anchor.name} typed ${[...wanted].join('/')}`);
      }
    }
  }

  const typed = filterByType(targets, slots.entityTypes);
  if (typed.length > 0 && typed.length < targets.length) {
    targets = typed;
    steps.push('type filter');
  }
  const valued = filterByValue(targets, slots.freeWords);
  if (valued) {
    targets = valued.entities;
    steps.push(`value filter (${valued.names.join(', ')})`);
  }
  const kept = prunePaths(walks, targets);

  let values: Resolution['values'] = [];
  if (slots.attributes.length > 0 && slots.kind === 'attribute') {
    for (const a of slots.attributes) {
      values = targets.flatMap((t) =>
        t.attributes[a.name] !== undefined ? [{ entity: t, name: a.name, value: t.attributes[a.name]! }] : [],
      );
      if (values.length > 0) {
        steps.push(`attribute ${a.name}`);
        break;
      }
    }
    if (values.length === 0) steps.push(`no ${slots.attributes.map((a) => a.name).join('/')} on targets`);
  }
  return {
    targets,
    values,
    verdict: null,
    facts: [
      ...slots.filled,
      ...kept,
      ...values.map((v) => ({ kind: 'attribute' as const, entity: v.entity, name: v.name, value: v.value })),
    ],
    explored: [...walker.explored],
    plan: steps.join(' > ') || 'anchor itself',
  };
}

/** A relationship walked from `src` to `dst`, in walk order. */
interface Walked {
  fact: Fact;
  src: number;
  dst: number;
}

function walked(links: Link[]): Walked[] {
  return links.map((l) => ({ fact: linkFact(l), src: l.from.id, dst: l.neighbour.entity.id }));
}

/** Keeps the walked facts that lead to a target: a backward sweep from the targets. */
function prunePaths(steps: Walked[], targets: Entity[]): Fact[] {
  const reached = new Set(targets.map((t) => t.id));
  const kept: Fact[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const w = steps[i]!;
    if (w.dst !== -1 && !reached.has(w.dst)) continue;
    kept.unshift(w.fact);
    reached.add(w.src);
  }
  return kept;
}

/**
 * "Which elements discovered by Ramsay are gases?": keeps the targets having an attribute value
 * the question states in words not used otherwise ("gas" ~ phase: Gas, "1999" ~ year: 1999).
 * Applies only when it keeps some targets and drops others.
 */
function filterByValue(
  entities: Entity[],
  freeWords: string[],
): { entities: Entity[]; names: string[] } | null {
  if (entities.length < 2 || freeWords.length === 0) return null;
  const words = new Set(freeWords.map(stem));
  const names = new Set<string>();
  const kept = entities.filter((e) =>
    Object.entries(e.attributes).some(([name, value]) => {
      const hit = (Array.isArray(value) ? value : [value]).some((v) => {
        const parts = tokenize(String(v)).map(stem);
        return parts.length > 0 && parts.length <= 3 && parts.every((p) => words.has(p));
      });
      if (hit) names.add(name);
      return hit;
    }),
  );
  return kept.length > 0 && kept.length < entities.length ? { entities: kept, names: [...names] } : null;
}

function filterByType(entities: Entity[], types: TermMatch[]): Entity[] {
  if (types.length === 0) return entities;
  const wanted = new Set(types.map((t) => t.name));
  return entities.filter((e) => wanted.has(e.type));
}

/** Entities linked to every anchor (via a named relationship type when one connects, else any). */
async function intersect(
  walker: Walker,
  anchors: Mention[],
  relations: TermMatch[],
  entityTypes: TermMatch[],
): Promise<{ entities: Entity[]; walks: Walked[]; consumed: Set<string> } | null> {
  const consumed = new Set<string>();
  const anchorEntities = unique(anchors.map((a) => a.entity));
  const edges = await walker.edges(anchorEntities.map((e) => e.id));
  const sets: { anchor: Entity; byTarget: Map<number, Edge[]> }[] = [];
  for (const anchor of anchorEntities) {
    const all = edges.get(anchor.id) ?? [];
    let chosen: Edge[] = [];
    for (const r of relations) {
      if (consumed.has(r.name)) continue;
      const via = all.filter((e) => e.relationship.type === r.name);
      if (via.length > 0) {
        chosen = via;
        consumed.add(r.name);
        break;
      }
    }
    if (chosen.length === 0) chosen = all;
    const byTarget = new Map<number, Edge[]>();
    for (const e of chosen) byTarget.set(e.otherId, [...(byTarget.get(e.otherId) ?? []), e]);
    sets.push({ anchor, byTarget });
  }
  const [first, ...rest] = sets;
  if (!first) return null;
  const anchorIds = new Set(anchorEntities.map((a) => a.id));
  const common = [...first.byTarget.keys()].filter(
    (id) => !anchorIds.has(id) && rest.every((s) => s.byTarget.has(id)),
  );
  if (common.length === 0) return null;
  const loaded = await walker.entities(common);
  let entities = common.flatMap((id) => {
    const e = loaded.get(id);
    return isLive(e) ? [e] : [];
  });
  if (entities.length === 0) return null;
  const typed = filterByType(entities, entityTypes);
  if (typed.length > 0) entities = typed;
  const walks: Walked[] = [];
  for (const { anchor, byTarget } of sets) {
    for (const entity of entities) {
      for (const edge of byTarget.get(entity.id) ?? []) {
        walks.push(
          ...walked([
            {
              from: anchor,
              neighbour: { relationship: edge.relationship, entity, direction: edge.direction },
            },
          ]),
        );
      }
    }
  }
  return { entities, walks, consumed };
}

/**
 * Follows relationship types from `focus`, trying the orders closest to the anchors first.
 * Types matched by the same words ("made" ~ made_by, made_of) are alternatives for one hop, not
 * two hops. When no direct chain works, an entity type named in the question ("the maker of X")
 * is tried as an intermediate hop.
 */
async function followChain(
  walker: Walker,
  focus: Entity[],
  relations: TermMatch[],
  anchors: Mention[],
  level: number,
  entityTypes: TermMatch[] = [],
): Promise<{ targets: Entity[]; walks: Walked[]; plan: string } | null> {
  const distance = (r: TermMatch): number =>
    Math.min(
      ...anchors.map((a) => Math.min(...r.positions.map((p) => (p < a.start ? a.start - p : p - a.end + 1)))),
    );
  const groups = new Map<string, TermMatch[]>();
  for (const r of relations) {
    const key = r.positions.join(',');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const hops = [...groups.values()].sort((a, b) => distance(a[0]!) - distance(b[0]!));
  const attempt = async (start: Entity[], prefix: string, prefixWalks: Walked[]) => {
    for (const order of permutations(hops)) {
      for (const choice of combinations(order)) {
        const result = await walkChain(walker, start, choice);
        if (result)
          return {
            targets: result.targets,
            walks: [...prefixWalks, ...result.walks],
            plan: prefix + choice.map((r) => r.name).join(' > '),
          };
      }
    }
    return null;
  };
  const direct = await attempt(focus, '', []);
  if (direct) return direct;
  for (const type of [...entityTypes].sort((a, b) => a.positions[0]! - b.positions[0]!)) {
    const links = (await walker.expand(focus)).filter((l) => l.neighbour.entity.type === type.name);
    if (links.length === 0) continue;
    const via = await attempt(unique(links.map((l) => l.neighbour.entity)), `${type.name} > `, walked(links));
    if (via) return via;
  }
  if (level >= 2) {
    // Transitive closure along the named types (e.g. part_of chains), bounded.
    const types = relations.map((r) => r.name);
    const { targets, facts } = await walker.transitive(focus, types, 3);
    // Traversal paths come back whole: every returned relationship is on a path to a target.
    const walks = facts.map((fact) => ({ fact, src: -1, dst: -1 }));
    if (targets.length > 0) return { targets, walks, plan: `transitive(${types.join('|')}, depth<=3)` };
  }
  return null;
}

async function walkChain(
  walker: Walker,
  focus: Entity[],
  order: TermMatch[],
): Promise<{ targets: Entity[]; walks: Walked[] } | null> {
  let frontier = focus;
  const walks: Walked[] = [];
  const visited = new Set(focus.map((e) => e.id));
  for (const r of order) {
    const links = (await walker.expand(frontier, [r.name])).filter(
      (l) => !visited.has(l.neighbour.entity.id),
    );
    if (links.length === 0) return null;
    walks.push(...walked(links));
    frontier = unique(links.map((l) => l.neighbour.entity));
    for (const e of frontier) visited.add(e.id);
  }
  return frontier.length > 0 ? { targets: frontier, walks } : null;
}

/** One pick from each group, in order: [[a, b], [c]] -> [a, c], [b, c]. */
function* combinations<T>(groups: T[][]): Generator<T[]> {
  const [first, ...rest] = groups;
  if (!first) {
    yield [];
    return;
  }
  for (const item of first) for (const tail of combinations(rest)) yield [item, ...tail];
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

/** Yes/no: is there a link between the anchors (of a named type, when one is named)? */
async function yesNo(
  walker: Walker,
  anchors: Entity[],
  relations: TermMatch[],
  empty: (plan: string) => Resolution,
): Promise<Resolution> {
  const [subject, ...objects] = anchors;
  if (!subject || objects.length === 0) return empty('yes/no needs two entities');
  const types = relations.length > 0 ? relations.map((r) => r.name) : undefined;
  const links = await walker.neighbours(subject, types);
  const facts: Fact[] = [];
  let verdict: boolean | null = true;
  for (const object of objects) {
    const direct = links.filter((l) => l.neighbour.entity.id === object.id);
    if (direct.length > 0) {
      facts.push(...direct.map(linkFact));
      continue;
    }
    // "No" only when the graph states a competing fact of the same kind.
    const competing = links.filter((l) => l.neighbour.entity.type === object.type);
    if (competing.length > 0) {
      facts.push(...competing.map(linkFact));
      verdict = verdict === null ? null : false;
    } else verdict = null;
  }
  return {
    targets: [subject],
    values: [],
    verdict,
    facts,
    explored: [...walker.explored],
    plan: `link ${subject.name} ~ ${objects.map((o) => o.name).join(', ')}${types ? ` via ${types.join('|')}` : ''}`,
  };
}
