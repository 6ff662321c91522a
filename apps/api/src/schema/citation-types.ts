// The Citation type, shared by AskResult and Message: one source an answer cites.
import type { Citation } from '../data/answer-engine';
import { builder } from './builder';
import { EntityRef } from './knowledge-types';

const CitationKindEnum = builder.enumType('CitationKind', {
  values: {
    ENTITY: { value: 'entity' },
    RELATIONSHIP: { value: 'relationship' },
    RESOURCE: { value: 'resource' },
  } as const,
});

/** A source an answer cites; `entity` resolves entity citations for linking (batched). */
export const CitationRef = builder.objectRef<Citation>('Citation').implement({
  fields: (t) => ({
    kind: t.field({ type: CitationKindEnum, resolve: (c) => c.kind }),
    id: t.exposeInt('id', { description: 'Local id of the entity, relationship or resource.' }),
    label: t.exposeString('label'),
    uri: t.exposeString('uri', { nullable: true }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The cited entity (ENTITY citations only; null when it is no longer visible).',
      resolve: (c, _a, ctx) => (c.kind === 'entity' ? ctx.loaders.entity.load(c.id) : null),
    }),
  }),
});
