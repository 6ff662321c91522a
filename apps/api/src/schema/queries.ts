// Root query fields. Every read goes through the per-request DataLoaders or a workspace-scoped store.
import type { Entity, EntityState, Relationship } from '@rustygpt/core';
import { RustyError } from '@rustygpt/core';
import { resolveArrayConnection, resolveOffsetConnection } from '@pothos/plugin-relay';
import { loadAll } from '../loaders';
import { builder } from './builder';
import { numericId, requireAdmin, requireViewer, workspaceOf } from './access';
import { ConversationRef, JobRef, MessageRef, RunRef, WorkflowRef } from './conversation-types';
import { DirectionEnum, EntityRef, EntityStateEnum, RelationshipRef, WorkspaceRef } from './knowledge-types';
import type { ApiContext } from '../context';

export const MatchKindEnum = builder.enumType('MatchKind', {
  values: { ALIAS: { value: 'alias' }, VECTOR: { value: 'vector' } } as const,
});

const SearchHitRef = builder
  .objectRef<{ entity: Entity; score: number; matchedBy: 'alias' | 'vector' }>('EntitySearchHit')
  .implement({
    fields: (t) => ({
      entity: t.field({ type: EntityRef, resolve: (h) => h.entity }),
      score: t.exposeFloat('score', {
        description: '1 for an exact name/alias match; cosine similarity otherwise.',
      }),
      matchedBy: t.field({ type: MatchKindEnum, resolve: (h) => h.matchedBy }),
    }),
  });

const EntityFilterInput = builder.inputType('EntityFilter', {
  fields: (t) => ({
    types: t.stringList(),
    states: t.field({ type: [EntityStateEnum] }),
  }),
});

const TraversalHopRef = builder
  .objectRef<{ entityId: number; depth: number; viaRelationshipIds: number[]; pathWeight: number }>(
    'TraversalHop',
  )
  .implement({
    fields: (t) => ({
      depth: t.exposeInt('depth'),
      pathWeight: t.exposeFloat('pathWeight'),
      entity: t.field({
        type: EntityRef,
        nullable: true,
        resolve: (h, _a, ctx) => ctx.loaders.entity.load(h.entityId),
      }),
      via: t.field({
        type: [RelationshipRef],
        resolve: async (h, _a, ctx) =>
          (await loadAll(ctx.loaders.relationship, h.viaRelationshipIds)).filter(
            (r): r is Relationship => r !== null,
          ),
      }),
    }),
  });

const ViewerRef = builder.objectRef<ApiContext>('Viewer').implement({
  description: 'The signed-in user.',
  fields: (t) => ({
    id: t.id({ resolve: (ctx) => requireViewer(ctx).user.id }),
    name: t.string({ nullable: true, resolve: (ctx) => requireViewer(ctx).user.name }),
    email: t.string({ nullable: true, resolve: (ctx) => requireViewer(ctx).user.email }),
    provider: t.string({ resolve: (ctx) => requireViewer(ctx).user.provider }),
    isAdmin: t.boolean({ resolve: (ctx) => requireViewer(ctx).isAdmin }),
    authenticatedBy: t.string({
      description: 'session | api-token | local',
      resolve: (ctx) => requireViewer(ctx).via,
    }),
    workspaces: t.field({
      type: [WorkspaceRef],
      resolve: (ctx) => requireViewer(ctx).memberships.map((m) => ({ ...m.workspace, role: m.role })),
    }),
    defaultWorkspace: t.field({
      type: WorkspaceRef,
      resolve: (ctx) => {
        const v = requireViewer(ctx);
        const m = v.memberships.find((x) => x.workspace.id === v.defaultWorkspaceId)!;
        return { ...m.workspace, role: m.role };
      },
    }),
  }),
});

function stateFilter(states: readonly EntityState[] | null | undefined): EntityState[] {
  return states && states.length > 0 ? [...states] : ['active', 'inactive'];
}

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    description: 'The signed-in user, or null when the request carries no credential.',
    resolve: (_r, _a, ctx) => (ctx.viewer ? ctx : null),
  }),
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'An entity by global id, or by key within a workspace.',
    args: {
      id: t.arg.globalID({ for: EntityRef }),
      key: t.arg.string(),
      workspace: t.arg.string({ description: 'Workspace global id or slug (default: the viewer’s).' }),
    },
    resolve: async (_r, args, ctx) => {
      requireViewer(ctx);
      if (args.id) return ctx.loaders.entity.load(numericId(args.id, 'Entity'));
      if (args.key) return workspaceOf(ctx, args.workspace).knowledge.getEntityByKey(args.key);
      throw new RustyError('BAD_USER_INPUT', 'pass id or key');
    },
  }),
  entities: t.connection({
    type: EntityRef,
    description: 'Entities of a workspace in id order.',
    args: { workspace: t.arg.string(), types: t.arg.stringList() },
    complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
    resolve: (_r, args, ctx) => {
      const { knowledge } = workspaceOf(ctx, args.workspace);
      return resolveOffsetConnection({ args, defaultSize: 20, maxSize: 200 }, ({ limit, offset }) =>
        knowledge.listEntities({ first: limit, offset, ...(args.types ? { types: args.types } : {}) }),
      );
    },
  }),
  searchEntities: t.field({
    type: [SearchHitRef],
    description: 'Exact name/alias matches first, then nearest entities by embedding.',
    args: {
      text: t.arg.string({ required: true }),
      first: t.arg.int({ defaultValue: 10 }),
      filter: t.arg({ type: EntityFilterInput }),
      workspace: t.arg.string(),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? 10 }),
    resolve: async (_r, args, ctx) => {
      const first = Math.min(Math.max(args.first ?? 10, 1), 100);
      const text = args.text.trim();
      if (text === '') throw new RustyError('BAD_USER_INPUT', 'text must not be empty', { path: 'text' });
      const { knowledge } = workspaceOf(ctx, args.workspace);
      const states = stateFilter(args.filter?.states);
      const types = args.filter?.types ?? undefined;
      const keep = (e: Entity) => states.includes(e.state) && (!types || types.includes(e.type));
      const hits: { entity: Entity; score: number; matchedBy: 'alias' | 'vector' }[] = [];
      const seen = new Set<number>();
      for (const entity of await knowledge.findByAlias(text)) {
        if (!keep(entity) || seen.has(entity.id)) continue;
        seen.add(entity.id);
        hits.push({ entity, score: 1, matchedBy: 'alias' });
      }
      const embedder = ctx.services.embedder;
      if (hits.length < first && embedder) {
        const [vector] = await embedder.embed([text]);
        if (vector) {
          const near = await knowledge.searchEntitiesByVector(vector, {
            modelId: embedder.modelId,
            k: first + seen.size,
            states,
            ...(types ? { types } : {}),
          });
          for (const { item, score } of near) {
            if (seen.has(item.id)) continue;
            seen.add(item.id);
            hits.push({ entity: item, score, matchedBy: 'vector' });
          }
        }
      }
      for (const h of hits) ctx.loaders.entity.prime(h.entity.id, h.entity);
      return hits.slice(0, first);
    },
  }),
  similarEntities: t.field({
    type: [SearchHitRef],
    description: 'Entities whose embedding is nearest to this one’s.',
    args: { id: t.arg.globalID({ for: EntityRef, required: true }), first: t.arg.int({ defaultValue: 10 }) },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? 10 }),
    resolve: async (_r, args, ctx) => {
      const entity = await ctx.loaders.entity.load(numericId(args.id, 'Entity'));
      if (!entity) return [];
      const embedder = ctx.services.embedder;
      if (!embedder) throw new RustyError('UNAVAILABLE', 'no embedding model is loaded');
      const first = Math.min(Math.max(args.first ?? 10, 1), 100);
      const text = [entity.name, entity.type, ...entity.aliases].join(' ');
      const [vector] = await embedder.embed([text]);
      if (!vector) return [];
      const near = await ctx.services.data.knowledge(entity.workspaceId).searchEntitiesByVector(vector, {
        modelId: embedder.modelId,
        k: first + 1,
        states: ['active', 'inactive'],
      });
      return near
        .filter((h) => h.item.id !== entity.id)
        .slice(0, first)
        .map((h) => ({ entity: h.item, score: h.score, matchedBy: 'vector' as const }));
    },
  }),
  relationships: t.connection({
    type: RelationshipRef,
    description: 'Relationships whose ltree path is under `pathPrefix` (e.g. `geo` finds `geo.borders`).',
    args: {
      pathPrefix: t.arg.string({ required: true }),
      type: t.arg.string(),
      workspace: t.arg.string(),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first ?? 20 }),
    resolve: async (_r, args, ctx) => {
      const { knowledge } = workspaceOf(ctx, args.workspace);
      const first = Math.min(args.first ?? 20, 200);
      const rows = await knowledge.relationshipsUnderPath(args.pathPrefix, { limit: 1_000 });
      const filtered = args.type ? rows.filter((r) => r.type === args.type) : rows;
      return resolveArrayConnection({ args: { ...args, first }, defaultSize: 20, maxSize: 200 }, filtered);
    },
  }),
  traverse: t.field({
    type: [TraversalHopRef],
    description: 'Entities reachable from `from` within `depth` hops, best path weight first.',
    args: {
      from: t.arg.globalIDList({ for: EntityRef, required: true }),
      depth: t.arg.int({ defaultValue: 2 }),
      types: t.arg.stringList(),
      direction: t.arg({ type: DirectionEnum, defaultValue: 'both' }),
      first: t.arg.int({ defaultValue: 50 }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.first ?? 50 }),
    resolve: async (_r, args, ctx) => {
      const depth = args.depth ?? 2;
      if (depth < 1 || depth > 5)
        throw new RustyError('BAD_USER_INPUT', 'depth must be 1..5', { path: 'depth' });
      const ids = args.from.map((g) => numericId(g, 'Entity'));
      const starts = (await ctx.loaders.entity.loadMany(ids)).filter(
        (e): e is Entity => e !== null && !(e instanceof Error),
      );
      const first = starts[0];
      if (!first) return [];
      return ctx.services.data.knowledge(first.workspaceId).traverse(
        starts.map((e) => e.id),
        {
          depth,
          direction: args.direction ?? 'both',
          limit: Math.min(args.first ?? 50, 500),
          ...(args.types ? { types: args.types } : {}),
        },
      );
    },
  }),
  conversations: t.connection({
    type: ConversationRef,
    description: 'The viewer’s conversations, newest first.',
    complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
    resolve: (_r, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, async ({ limit, offset }) => {
        const page = await ctx.services.data.conversations.listByUser(viewer.user.id, {
          first: limit,
          offset,
        });
        for (const c of page.items) ctx.loaders.conversation.prime(c.id, c);
        return page.items;
      });
    },
  }),
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    args: { id: t.arg.globalID({ for: ConversationRef, required: true }) },
    resolve: (_r, args, ctx) => {
      requireViewer(ctx);
      return ctx.loaders.conversation.load(args.id.id);
    },
  }),
  messages: t.connection({
    type: MessageRef,
    description: 'Messages of one of the viewer’s conversations, oldest first.',
    args: { conversationId: t.arg.globalID({ for: ConversationRef, required: true }) },
    complexity: (args) => ({ field: 1, multiplier: args.first ?? 50 }),
    resolve: async (_r, args, ctx) => {
      requireViewer(ctx);
      const conversation = await ctx.loaders.conversation.load(args.conversationId.id);
      if (!conversation) throw new RustyError('NOT_FOUND', 'conversation not found');
      const rows = [...(await ctx.loaders.messagesOf.load(conversation.id))].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.role === 'user' ? -1 : 1),
      );
      return resolveArrayConnection({ args, defaultSize: 50, maxSize: 500 }, rows);
    },
  }),
  reasoningRun: t.field({
    type: RunRef,
    nullable: true,
    description: 'A run (trace) of the viewer’s.',
    args: { id: t.arg.id({ required: true, description: 'ReasoningRun global id or raw run id.' }) },
    resolve: (_r, args, ctx) => {
      requireViewer(ctx);
      const raw = String(args.id);
      let id = raw;
      try {
        const decoded = Buffer.from(raw, 'base64').toString('utf8');
        if (decoded.startsWith('ReasoningRun:')) id = decoded.slice('ReasoningRun:'.length);
      } catch {
        // raw id
      }
      return ctx.loaders.run.load(id);
    },
  }),
  workflow: t.field({
    type: WorkflowRef,
    description: 'The reasoning DAG the server runs.',
    resolve: (_r, _a, ctx) => {
      requireViewer(ctx);
      return ctx.services.engine.workflow();
    },
  }),
  jobs: t.field({
    type: [JobRef],
    authScopes: { admin: true },
    args: { first: t.arg.int({ defaultValue: 20 }) },
    resolve: (_r, args, ctx) => {
      requireAdmin(ctx);
      return ctx.services.data.jobs.list({ first: Math.min(args.first ?? 20, 100) });
    },
  }),
  jobKinds: t.stringList({
    authScopes: { admin: true },
    resolve: (_r, _a, ctx) => ctx.services.jobs.kinds().map((k) => k.kind),
  }),
}));
