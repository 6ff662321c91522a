// GraphQL types of chat and traces (Conversation, Message, ReasoningRun/Step, Workflow, Job).
// The exported refs are the schema types themselves; their descriptions live in the schema.
import type { Entity, ReasoningRunRecord, TraceStep } from '@rustygpt/core';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { WorkflowInfo } from '../data/answer-engine';
import type { ConversationRecord, JobRecord, MessageRecord } from '../data/ports';
import { loadAll } from '../loaders';
import { builder } from './builder';
import { CitationRef } from './citation-types';
import { EntityRef } from './knowledge-types';

export const ConversationRef = builder.objectRef<ConversationRecord>('Conversation');
export const MessageRef = builder.objectRef<MessageRecord>('Message');
export const RunRef = builder.objectRef<ReasoningRunRecord>('ReasoningRun');
export const JobRef = builder.objectRef<JobRecord>('Job');

export const MessageRoleEnum = builder.enumType('MessageRole', {
  values: {
    USER: { value: 'user' },
    ASSISTANT: { value: 'assistant' },
    SYSTEM: { value: 'system' },
  } as const,
});
export const MessageStatusEnum = builder.enumType('MessageStatus', {
  values: {
    PENDING: { value: 'pending' },
    STREAMING: { value: 'streaming' },
    COMPLETE: { value: 'complete' },
    ERROR: { value: 'error' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});
export const RunStatusEnum = builder.enumType('RunStatus', {
  values: {
    RUNNING: { value: 'running' },
    COMPLETE: { value: 'complete' },
    ERROR: { value: 'error' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});
export const StepStatusEnum = builder.enumType('StepStatus', {
  values: {
    OK: { value: 'ok' },
    SKIPPED: { value: 'skipped' },
    ERROR: { value: 'error' },
    CANCELLED: { value: 'cancelled' },
    TIMEOUT: { value: 'timeout' },
  } as const,
});
export const JobStateEnum = builder.enumType('JobState', {
  values: {
    QUEUED: { value: 'queued' },
    RUNNING: { value: 'running' },
    SUCCEEDED: { value: 'succeeded' },
    FAILED: { value: 'failed' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});

function parseUuid(id: string): string {
  if (!/^[0-9a-f-]{8,64}$/i.test(id)) throw new Error('invalid id');
  return id;
}

builder.node(ConversationRef, {
  description: 'A chat between its owner and the assistant; visible to its owner only.',
  id: { resolve: (c) => c.id, parse: parseUuid },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.conversation, ids),
  fields: (t) => ({
    title: t.exposeString('title'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
    messages: t.connection({
      type: MessageRef,
      description: 'Messages, oldest first.',
      complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
      resolve: async (c, args, ctx) => {
        const rows = [...(await ctx.loaders.messagesOf.load(c.id))].sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.role === 'user' ? -1 : 1),
        );
        return resolveArrayConnection({ args, defaultSize: 50, maxSize: 500 }, rows);
      },
    }),
  }),
});

builder.node(MessageRef, {
  description: 'A message of a conversation; an assistant message streams while `status` is STREAMING.',
  id: { resolve: (m) => m.id, parse: parseUuid },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.message, ids),
  fields: (t) => ({
    role: t.field({ type: MessageRoleEnum, resolve: (m) => m.role }),
    content: t.exposeString('content'),
    status: t.field({ type: MessageStatusEnum, resolve: (m) => m.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.createdAt }),
    conversation: t.field({
      type: ConversationRef,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.loaders.conversation.load(m.conversationId),
    }),
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The reasoning trace that produced this answer.',
      resolve: (m, _a, ctx) => (m.runId ? ctx.loaders.run.load(m.runId) : null),
    }),
    citations: t.field({
      type: [CitationRef],
      description:
        "The entities and resources this answer was composed from, read from its run's generation step (empty without a run).",
      resolve: (m, _a, ctx) => (m.runId ? ctx.loaders.citations.load(m.runId) : []),
    }),
  }),
});

export const StepRef = builder.objectRef<TraceStep>('ReasoningStep').implement({
  description: 'One node execution of a run: enough to draw the trace as a tree or timeline.',
  fields: (t) => ({
    id: t.exposeString('id'),
    parentId: t.exposeString('parentId', { nullable: true }),
    node: t.exposeString('node'),
    pass: t.exposeInt('pass'),
    order: t.exposeInt('order'),
    startedAt: t.field({ type: 'DateTime', resolve: (s) => s.startedAt }),
    durationMs: t.exposeFloat('durationMs'),
    status: t.field({ type: StepStatusEnum, resolve: (s) => s.status }),
    decision: t.exposeString('decision', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
    inputs: t.field({ type: 'JSON', resolve: (s) => s.inputs }),
    outputs: t.field({ type: 'JSON', resolve: (s) => s.outputs }),
    entityIds: t.exposeIntList('entityIds'),
    resourceIds: t.exposeIntList('resourceIds'),
    entities: t.field({
      type: [EntityRef],
      resolve: async (s, _a, ctx) =>
        (await loadAll(ctx.loaders.entity, s.entityIds)).filter((e): e is Entity => e !== null),
    }),
  }),
});

builder.node(RunRef, {
  description: 'One execution of the reasoning DAG; visible to the user who asked.',
  id: { resolve: (r) => r.id, parse: parseUuid },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.run, ids),
  fields: (t) => ({
    question: t.exposeString('question'),
    answer: t.exposeString('answer', { nullable: true }),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    workflowVersion: t.exposeString('workflowVersion'),
    startedAt: t.field({ type: 'DateTime', resolve: (r) => r.startedAt }),
    durationMs: t.exposeFloat('durationMs', { nullable: true }),
    steps: t.field({
      type: [StepRef],
      resolve: (r) => [...r.steps].sort((a, b) => a.order - b.order),
    }),
  }),
});

const WorkflowNodeRef = builder.objectRef<WorkflowInfo['nodes'][number]>('WorkflowNode').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    inputs: t.exposeStringList('inputs'),
    outputs: t.exposeStringList('outputs'),
    priority: t.exposeFloat('priority'),
  }),
});
const WorkflowEdgeRef = builder.objectRef<WorkflowInfo['edges'][number]>('WorkflowEdge').implement({
  fields: (t) => ({ from: t.exposeString('from'), to: t.exposeString('to'), key: t.exposeString('key') }),
});
export const WorkflowRef = builder.objectRef<WorkflowInfo>('Workflow').implement({
  description: 'The reasoning DAG: nodes and the data edges between them.',
  fields: (t) => ({
    name: t.exposeString('name'),
    version: t.exposeString('version'),
    nodes: t.field({ type: [WorkflowNodeRef], resolve: (w) => w.nodes }),
    edges: t.field({ type: [WorkflowEdgeRef], resolve: (w) => w.edges }),
  }),
});

builder.node(JobRef, {
  description: 'A lifecycle job (re-embed, re-base, prune, ...) with its progress; admins only.',
  id: { resolve: (j) => j.id, parse: parseUuid },
  loadOne: async (id, ctx) => (ctx.viewer?.isAdmin ? ctx.services.data.jobs.get(id) : null),
  fields: (t) => ({
    kind: t.exposeString('kind'),
    state: t.field({ type: JobStateEnum, resolve: (j) => j.state }),
    progress: t.exposeFloat('progress', { description: 'Fraction done, 0..1.' }),
    processed: t.exposeInt('processed'),
    total: t.exposeInt('total', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (j) => j.createdAt }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.finishedAt }),
  }),
});
