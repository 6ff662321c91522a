import { NotFoundError } from '@rustygpt/core';
import { Repeater } from 'graphql-yoga';
import type { JobRecord } from '../data/ports';
import { reviveJob } from '../jobs/job-runner';
import { jobChannel, type StreamEvent } from '../streaming/events';
import { messageEventStream } from '../streaming/message-stream';
import { requireAdmin, requireViewer } from './access';
import { builder } from './builder';
import { JobRef, MessageRef } from './conversation-types';
import { MessageStreamEventRef } from './stream-types';

builder.subscriptionFields((t) => ({
  messageStream: t.field({
    type: MessageStreamEventRef,
    description:
      'Events of an assistant message: THINKING, tokens, metadata, then COMPLETE | ERROR | INTERRUPTED. Pass the last token index received as `after` to resume without loss or duplicates.',
    args: {
      messageId: t.arg.globalID({ for: MessageRef, required: true }),
      after: t.arg.int({
        description: 'Index of the last token received; omit to start from the beginning.',
      }),
    },
    subscribe: async (_r, args, ctx) => {
      requireViewer(ctx);
      const message = await ctx.loaders.message.load(args.messageId.id);
      if (!message) throw new NotFoundError('message', args.messageId.id);
      const gauge = ctx.services.metrics.activeSubscriptions;
      return messageEventStream({
        data: ctx.services.data,
        bus: ctx.services.bus,
        messageId: message.id,
        afterIndex: args.after ?? null,
        onStart: () => gauge.inc({ kind: 'message' }),
        onStop: () => gauge.dec({ kind: 'message' }),
      });
    },
    resolve: (event: StreamEvent) => event,
  }),
  jobProgress: t.field({
    type: JobRef,
    authScopes: { admin: true },
    description: 'Progress of a lifecycle job until it finishes (admin).',
    args: { jobId: t.arg.globalID({ for: JobRef, required: true }) },
    subscribe: async (_r, args, ctx) => {
      requireAdmin(ctx);
      const { data, bus, metrics } = ctx.services;
      const first = await data.jobs.get(args.jobId.id);
      if (!first) throw new NotFoundError('job', args.jobId.id);
      return new Repeater<JobRecord>(async (push, stop) => {
        metrics.activeSubscriptions.inc({ kind: 'job' });
        const done = (j: JobRecord) =>
          j.state === 'succeeded' || j.state === 'failed' || j.state === 'cancelled';
        const unsubscribe = await bus.subscribe(jobChannel(first.id), (raw) => {
          const job = reviveJob(raw);
          void push(job);
          if (done(job)) stop();
        });
        const current = (await data.jobs.get(first.id)) ?? first;
        await push(current);
        if (done(current)) stop();
        await stop;
        await unsubscribe();
        metrics.activeSubscriptions.dec({ kind: 'job' });
      });
    },
    resolve: (job: JobRecord) => job,
  }),
}));
