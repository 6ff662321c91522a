import type { AttributeValue, Entity, RelationshipInput } from '@rustygpt/core';
import { NotFoundError, RustyError, ValidationError } from '@rustygpt/core';
import { z } from 'zod';
import type { Citation, ConversationTurn } from '../data/answer-engine';
import { CitationRef } from './citation-types';
import type { ImportSummary } from '../data/ports';
import { builder } from './builder';
import { numericId, requireAdmin, requireViewer, workspaceOf } from './access';
import { ConversationRef, JobRef, MessageRef, RunRef } from './conversation-types';
import { EntityRef, EntityStateEnum, RelationshipRef, ResourceRef } from './knowledge-types';
import type { ApiContext } from '../context';

const attributeValue = z.union([
  z.string(),
  z.number().finite(),
  z.boolean(),
  z.array(z.union([z.string(), z.number().finite(), z.boolean()])),
]);
const attributesSchema = z.record(z.string().min(1).max(200), attributeValue);
const attributePatchSchema = z.record(z.string().min(1).max(200), attributeValue.nullable());

function parseWith<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [path, ...(issue?.path ?? []).map(String)].join('.');
    throw new ValidationError(issue?.message ?? 'invalid value', where);
  }
  return parsed.data;
}

/** The entity behind a global id, if visible; NOT_FOUND otherwise (also for other workspaces' ids). */
async function visibleEntity(ctx: ApiContext, id: { typename: string; id: string }): Promise<Entity> {
  const entity = await ctx.loaders.entity.load(numericId(id, 'Entity'));
  if (!entity) throw new NotFoundError('entity', id.id);
  return entity;
}

const EntityInputRef = builder.inputType('EntityInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    type: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    attributes: t.field({ type: 'JSON', description: 'Object of name -> scalar or list of scalars.' }),
  }),
});

const EntityPatchRef = builder.inputType('EntityPatch', {
  fields: (t) => ({
    name: t.string(),
    type: t.string(),
    aliases: t.stringList(),
    state: t.field({ type: EntityStateEnum }),
  }),
});

const RelationshipInputRef = builder.inputType('RelationshipInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: 'Entity key.' }),
    to: t.string({ required: true, description: 'Entity key.' }),
    type: t.string({ required: true }),
    weight: t.float(),
    path: t.string({ description: 'ltree path of the type, e.g. geo.borders.' }),
  }),
});

const ResourceEntityLinkRef = builder.inputType('ResourceEntityLink', {
  fields: (t) => ({ key: t.string({ required: true }), confidence: t.float() }),
});

const ResourceInputRef = builder.inputType('ResourceInput', {
  fields: (t) => ({
    uri: t.string({ required: true }),
    title: t.string(),
    contentType: t.string(),
    text: t.string({ description: 'Content; when omitted the server fetches `uri`.' }),
    entities: t.field({ type: [ResourceEntityLinkRef] }),
  }),
});

const OutcomeCountsRef = builder
  .objectRef<{ created: number; updated: number; unchanged: number }>('ImportCounts')
  .implement({
    fields: (t) => ({
      created: t.exposeInt('created'),
      updated: t.exposeInt('updated'),
      unchanged: t.exposeInt('unchanged'),
    }),
  });

const ImportResultRef = builder.objectRef<ImportSummary>('ImportResult').implement({
  description: 'What an import did, per kind of row (imports are idempotent: a re-import is all unchanged).',
  fields: (t) => ({
    entities: t.field({ type: OutcomeCountsRef, resolve: (r) => r.entities }),
    relationships: t.field({ type: OutcomeCountsRef, resolve: (r) => r.relationships }),
    resources: t.field({ type: OutcomeCountsRef, resolve: (r) => r.resources }),
    durationMs: t.exposeFloat('durationMs'),
  }),
});

const AskResultRef = builder
  .objectRef<{ answer: string; citations: Citation[]; runId: string }>('AskResult')
  .implement({
    fields: (t) => ({
      answer: t.exposeString('answer'),
      citations: t.field({ type: [CitationRef], resolve: (r) => r.citations }),
      runId: t.exposeString('runId'),
      run: t.field({ type: RunRef, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.run.load(r.runId) }),
    }),
  });

builder.mutationFields((t) => ({
  createEntity: t.field({
    type: EntityRef,
    args: { input: t.arg({ type: EntityInputRef, required: true }), workspace: t.arg.string() },
    resolve: async (_r, { input, workspace }, ctx) => {
      const { knowledge } = workspaceOf(ctx, workspace);
      const existing = await knowledge.getEntityByKey(input.key);
      if (existing)
        throw new RustyError('CONFLICT', `an entity with key ${input.key} exists`, { path: 'input.key' });
      const { entity } = await knowledge.upsertEntity({
        key: input.key,
        type: input.type,
        name: input.name,
        aliases: input.aliases ?? [],
        attributes:
          input.attributes === null || input.attributes === undefined
            ? {}
            : parseWith(attributesSchema, input.attributes, 'input.attributes'),
      });
      return entity;
    },
  }),
  updateEntity: t.field({
    type: EntityRef,
    args: {
      id: t.arg.globalID({ for: EntityRef, required: true }),
      patch: t.arg({ type: EntityPatchRef, required: true }),
      expectedVersion: t.arg.int({
        description: 'Fail with BAD_USER_INPUT if the entity changed meanwhile.',
      }),
    },
    resolve: async (_r, args, ctx) => {
      const entity = await visibleEntity(ctx, args.id);
      const p = args.patch;
      if (p.state === 'archived' && !ctx.viewer?.isAdmin) requireAdmin(ctx);
      return ctx.services.data.knowledge(entity.workspaceId).updateEntity(
        entity.id,
        {
          ...(p.name ? { name: p.name } : {}),
          ...(p.type ? { type: p.type } : {}),
          ...(p.aliases ? { aliases: p.aliases } : {}),
          ...(p.state ? { state: p.state } : {}),
        },
        args.expectedVersion ?? undefined,
      );
    },
  }),
  setAttributes: t.field({
    type: EntityRef,
    description: 'Sets attributes (null removes one).',
    args: {
      id: t.arg.globalID({ for: EntityRef, required: true }),
      attributes: t.arg({ type: 'JSON', required: true }),
    },
    resolve: async (_r, args, ctx) => {
      const entity = await visibleEntity(ctx, args.id);
      const attributes = parseWith(attributePatchSchema, args.attributes, 'attributes') as Record<
        string,
        AttributeValue | null
      >;
      return ctx.services.data.knowledge(entity.workspaceId).setAttributes(entity.id, attributes);
    },
  }),
  deleteEntity: t.field({
    type: 'ID',
    authScopes: { admin: true },
    description: 'Deletes an entity and its relationships (admin). Returns the deleted id.',
    args: { id: t.arg.globalID({ for: EntityRef, required: true }) },
    resolve: async (_r, args, ctx) => {
      requireAdmin(ctx);
      const entity = await visibleEntity(ctx, args.id);
      await ctx.services.data.knowledge(entity.workspaceId).deleteEntity(entity.id);
      return Buffer.from(`Entity:${entity.id}`).toString('base64');
    },
  }),
  mergeEntities: t.field({
    type: EntityRef,
    authScopes: { admin: true },
    description: 'Merges duplicates into `keep`: aliases, attributes and relationships move over (admin).',
    args: {
      keep: t.arg.globalID({ for: EntityRef, required: true }),
      merge: t.arg.globalIDList({ for: EntityRef, required: true }),
    },
    resolve: async (_r, args, ctx) => {
      requireAdmin(ctx);
      const keep = await visibleEntity(ctx, args.keep);
      const merged = await Promise.all(args.merge.map((id) => visibleEntity(ctx, id)));
      if (merged.some((e) => e.workspaceId !== keep.workspaceId || e.id === keep.id)) {
        throw new ValidationError('merge ids must be other entities of the same workspace', 'merge');
      }
      return ctx.services.data.knowledge(keep.workspaceId).mergeEntities(
        keep.id,
        merged.map((e) => e.id),
      );
    },
  }),
  upsertRelationships: t.field({
    type: [RelationshipRef],
    args: {
      inputs: t.arg({ type: [RelationshipInputRef], required: true }),
      workspace: t.arg.string(),
    },
    resolve: async (_r, args, ctx) => {
      if (args.inputs.length > 1_000)
        throw new ValidationError('at most 1000 relationships per call', 'inputs');
      const { knowledge } = workspaceOf(ctx, args.workspace);
      const inputs: RelationshipInput[] = args.inputs.map((i) => ({
        from: i.from,
        to: i.to,
        type: i.type,
        ...(i.weight !== null && i.weight !== undefined ? { weight: i.weight } : {}),
        ...(i.path ? { path: i.path } : {}),
      }));
      return knowledge.upsertRelationships(inputs);
    },
  }),
  deleteRelationship: t.field({
    type: 'ID',
    args: { id: t.arg.globalID({ for: RelationshipRef, required: true }) },
    resolve: async (_r, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = numericId(args.id, 'Relationship');
      for (const m of viewer.memberships) {
        const store = ctx.services.data.knowledge(m.workspace.id);
        const [rel] = await store.getRelationships([id]);
        if (rel) {
          await store.deleteRelationship(id);
          return Buffer.from(`Relationship:${id}`).toString('base64');
        }
      }
      throw new NotFoundError('relationship', args.id.id);
    },
  }),
  importBundle: t.field({
    type: ImportResultRef,
    description: 'Imports a knowledge bundle (entities, relationships, resources) idempotently.',
    args: { bundle: t.arg({ type: 'JSON', required: true }), workspace: t.arg.string() },
    resolve: async (_r, args, ctx) => {
      const { knowledge } = workspaceOf(ctx, args.workspace);
      const size = Buffer.byteLength(JSON.stringify(args.bundle));
      const max = ctx.services.config.limits.maxBundleBytes;
      if (size > max)
        throw new ValidationError(`bundle is ${size} bytes; the limit is ${max}`, 'bundle', {
          limit: 'bundle',
        });
      if (typeof args.bundle !== 'object' || args.bundle === null || Array.isArray(args.bundle)) {
        throw new ValidationError(
          'bundle must be an object with entities, relationships, resources',
          'bundle',
        );
      }
      const summary = await knowledge.importBundle(args.bundle);
      if (ctx.services.embedder) await ctx.services.jobs.trigger('reindex', ctx.viewer?.user.id ?? null);
      return summary;
    },
  }),
  ingestResource: t.field({
    type: ResourceRef,
    description: 'Stores an external resource and links it to entities; fetches `uri` when no text is given.',
    args: { input: t.arg({ type: ResourceInputRef, required: true }), workspace: t.arg.string() },
    resolve: async (_r, { input, workspace }, ctx) => {
      const { knowledge } = workspaceOf(ctx, workspace);
      let text = input.text ?? undefined;
      let title = input.title ?? undefined;
      let contentType = input.contentType ?? undefined;
      if (text === undefined) {
        // Fetching makes the server send requests on a caller's behalf (SSRF): admins only.
        requireAdmin(ctx);
        const fetcher = ctx.services.fetcher;
        if (!fetcher)
          throw new ValidationError('text is required (resource fetching is not configured)', 'input.text');
        const fetched = await fetcher.fetch(input.uri);
        text = fetched.text;
        title ??= fetched.title ?? undefined;
        contentType ??= fetched.contentType;
      }
      const { resource } = await knowledge.upsertResource({
        uri: input.uri,
        text,
        ...(title ? { title } : {}),
        ...(contentType ? { type: contentType } : {}),
        entities: (input.entities ?? []).map((l) => ({
          key: l.key,
          ...(l.confidence !== null && l.confidence !== undefined ? { confidence: l.confidence } : {}),
        })),
      });
      return resource;
    },
  }),
  ask: t.field({
    type: AskResultRef,
    description: 'One-shot question: runs the reasoning DAG and returns the whole answer.',
    args: { question: t.arg.string({ required: true }), workspace: t.arg.string() },
    complexity: 50,
    resolve: async (_r, args, ctx) => {
      const viewer = requireViewer(ctx);
      const question = args.question.trim();
      if (question === '' || question.length > 4_000)
        throw new ValidationError('question must be 1..4000 characters', 'question');
      const { id } = workspaceOf(ctx, args.workspace);
      // A client that disconnects stops its run (yoga aborts the request's signal).
      const signal = (ctx as { request?: Request }).request?.signal ?? new AbortController().signal;
      const stream = ctx.services.engine.ask({
        question,
        workspaceId: id,
        userId: viewer.user.id,
        messageId: null,
        signal,
      });
      stream.result.catch(() => undefined);
      let text = '';
      for await (const token of stream.tokens) text += token;
      const result = await stream.result;
      return { answer: result.answer || text, citations: result.citations, runId: result.runId };
    },
  }),
  createConversation: t.field({
    type: ConversationRef,
    args: { title: t.arg.string(), workspace: t.arg.string() },
    resolve: async (_r, args, ctx) => {
      const viewer = requireViewer(ctx);
      const { id } = workspaceOf(ctx, args.workspace);
      const title = (args.title ?? 'New conversation').trim().slice(0, 200) || 'New conversation';
      return ctx.services.data.conversations.create({ userId: viewer.user.id, workspaceId: id, title });
    },
  }),
  sendMessage: t.field({
    type: MessageRef,
    description:
      'Adds the viewer’s message and returns the assistant’s reply at once (status STREAMING); subscribe to messageStream(messageId) for its tokens.',
    args: {
      conversationId: t.arg.globalID({ for: ConversationRef, required: true }),
      content: t.arg.string({ required: true }),
    },
    complexity: 50,
    resolve: async (_r, args, ctx) => {
      const viewer = requireViewer(ctx);
      const content = args.content.trim();
      if (content === '' || content.length > 4_000)
        throw new ValidationError('content must be 1..4000 characters', 'content');
      const conversation = await ctx.loaders.conversation.load(args.conversationId.id);
      if (!conversation) throw new NotFoundError('conversation', args.conversationId.id);
      const { data, runner } = ctx.services;
      const history = [...(await ctx.loaders.messagesOf.load(conversation.id))].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
      );
      const turns: ConversationTurn[] = [];
      for (let i = 0; i + 1 < history.length; i++) {
        const q = history[i]!;
        const a = history[i + 1]!;
        if (q.role === 'user' && a.role === 'assistant' && a.status === 'complete') {
          turns.push({ question: q.content, answer: a.content });
        }
      }
      await data.messages.create({
        conversationId: conversation.id,
        userId: viewer.user.id,
        role: 'user',
        content,
        status: 'complete',
      });
      const reply = await data.messages.create({
        conversationId: conversation.id,
        userId: viewer.user.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      runner.launch(reply, content, conversation.workspaceId, turns.slice(-5));
      return reply;
    },
  }),
  cancelMessage: t.field({
    type: MessageRef,
    description: 'Stops a streaming answer; its stream ends with INTERRUPTED.',
    args: { messageId: t.arg.globalID({ for: MessageRef, required: true }) },
    resolve: async (_r, args, ctx) => {
      requireViewer(ctx);
      const message = await ctx.loaders.message.load(args.messageId.id);
      if (!message) throw new NotFoundError('message', args.messageId.id);
      if (message.status === 'streaming' || message.status === 'pending') {
        await ctx.services.runner.cancel(message.id);
      }
      const [fresh] = await ctx.services.data.messages.get([message.id]);
      return fresh ?? message;
    },
  }),
  triggerJob: t.field({
    type: JobRef,
    authScopes: { admin: true },
    description: 'Starts a lifecycle job (admin); follow it with jobProgress(jobId).',
    args: { kind: t.arg.string({ required: true }) },
    resolve: (_r, args, ctx) => {
      const viewer = requireAdmin(ctx);
      return ctx.services.jobs.trigger(args.kind, viewer.user.id);
    },
  }),
  cancelJob: t.boolean({
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ for: JobRef, required: true }) },
    resolve: (_r, args, ctx) => {
      requireAdmin(ctx);
      return ctx.services.jobs.cancel(args.id.id);
    },
  }),
}));
