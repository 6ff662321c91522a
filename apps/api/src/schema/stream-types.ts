// GraphQL types of a message stream: the MessageStreamEvent union and its four event types.
import type { StreamEvent } from '../streaming/events';
import { builder } from './builder';

type Of<K extends StreamEvent['kind']> = Extract<StreamEvent, { kind: K }>;

export const ControlTypeEnum = builder.enumType('ControlType', {
  values: ['THINKING', 'COMPLETE', 'ERROR', 'INTERRUPTED', 'MODEL_SWITCH'] as const,
});

const TokenEventRef = builder.objectRef<Of<'token'>>('TokenEvent').implement({
  description: 'A piece of the answer; `index` is what to pass as `after` when resuming.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    content: t.exposeString('content'),
    index: t.exposeInt('index'),
  }),
});
const ControlEventRef = builder.objectRef<Of<'control'>>('ControlEvent').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.field({ type: ControlTypeEnum, resolve: (e) => e.type }),
    detail: t.exposeString('detail', { nullable: true }),
  }),
});
const MetadataEventRef = builder.objectRef<Of<'metadata'>>('MetadataEvent').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    tokenCount: t.exposeInt('tokenCount'),
    modelName: t.exposeString('modelName'),
    promptTokens: t.exposeInt('promptTokens'),
  }),
});
const ErrorEventRef = builder.objectRef<Of<'error'>>('ErrorEvent').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    retryInMs: t.exposeInt('retryInMs', { nullable: true }),
  }),
});

/** One event of `messageStream`. */
export const MessageStreamEventRef = builder.unionType('MessageStreamEvent', {
  types: [TokenEventRef, ControlEventRef, MetadataEventRef, ErrorEventRef],
  resolveType: (event) => {
    switch (event.kind) {
      case 'token':
        return TokenEventRef;
      case 'control':
        return ControlEventRef;
      case 'metadata':
        return MetadataEventRef;
      case 'error':
        return ErrorEventRef;
    }
  },
});
