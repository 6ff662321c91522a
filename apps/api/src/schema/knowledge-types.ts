// GraphQL types of the knowledge graph (Entity, Attribute, Relationship, ExternalResource, Workspace).
// The exported refs are the schema types themselves; their descriptions live in the schema.
import type { AttributeValue, Entity, EntityVersion, ExternalResource, Relationship } from '@rustygpt/core';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import type { WorkspaceRecord } from '../data/ports';
import { loadAll } from '../loaders';
import { builder } from './builder';

function parseNumericId(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error('invalid id');
  return n;
}

export const EntityStateEnum = builder.enumType('EntityState', {
  values: {
    ACTIVE: { value: 'active' },
    INACTIVE: { value: 'inactive' },
    ARCHIVED: { value: 'archived' },
  } as const,
});

export const DirectionEnum = builder.enumType('Direction', {
  values: { OUT: { value: 'out' }, IN: { value: 'in' }, BOTH: { value: 'both' } } as const,
});

/** One attribute as the schema serves it (the entity's attribute map, one entry per field). */
export interface AttributeShape {
  name: string;
  value: AttributeValue;
}

export const AttributeRef = builder.objectRef<AttributeShape>('Attribute').implement({
  description: 'A named attribute of an entity; multi-valued attributes hold a list.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.field({ type: 'JSON', resolve: (a) => a.value }),
    values: t.stringList({
      description: 'The value(s) as strings, for display.',
      resolve: (a) => (Array.isArray(a.value) ? a.value.map(String) : [String(a.value)]),
    }),
  }),
});

export const WorkspaceRef = builder.objectRef<WorkspaceRecord & { role: string }>('Workspace');
builder.node(WorkspaceRef, {
  id: { resolve: (w) => w.id, parse: parseNumericId },
  loadMany: (ids, ctx) =>
    ids.map((id) => {
      const m = ctx.viewer?.memberships.find((x) => x.workspace.id === id);
      return m ? { ...m.workspace, role: m.role } : null;
    }),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    role: t.exposeString('role', { description: 'The viewer’s role in this workspace (member | admin).' }),
  }),
});

export const EntityRef = builder.objectRef<Entity>('Entity');
export const RelationshipRef = builder.objectRef<Relationship>('Relationship');
export const ResourceRef = builder.objectRef<ExternalResource>('ExternalResource');

export const EntityVersionRef = builder.objectRef<EntityVersion>('EntityVersion').implement({
  description: 'One change in an entity’s history (for review and rollback).',
  fields: (t) => ({
    version: t.exposeInt('version'),
    change: t.exposeString('change'),
    before: t.field({ type: 'JSON', nullable: true, resolve: (v) => v.before ?? null }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (v) => v.after ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (v) => v.createdAt }),
  }),
});

export const EntityUsageRef = builder
  .objectRef<{ usageCount: number; lastAccessed: Date | null }>('EntityUsage')
  .implement({
    description: 'How often reasoning used the entity (reference tracking).',
    fields: (t) => ({
      count: t.int({ resolve: (u) => u.usageCount }),
      lastAccessed: t.field({ type: 'DateTime', nullable: true, resolve: (u) => u.lastAccessed }),
    }),
  });

export const EntityResourceRef = builder
  .objectRef<{ resource: ExternalResource; confidence: number }>('EntityResource')
  .implement({
    fields: (t) => ({
      confidence: t.exposeFloat('confidence'),
      resource: t.field({ type: ResourceRef, resolve: (r) => r.resource }),
    }),
  });

builder.node(EntityRef, {
  description: 'A thing in the knowledge graph (a country, an element, a person...).',
  id: { resolve: (e) => e.id, parse: parseNumericId },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.entity, ids),
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key chosen by the importer, unique per workspace.' }),
    type: t.exposeString('type'),
    name: t.exposeString('name'),
    state: t.field({ type: EntityStateEnum, resolve: (e) => e.state }),
    version: t.exposeInt('version'),
    aliases: t.exposeStringList('aliases'),
    attributes: t.field({
      type: [AttributeRef],
      args: { names: t.arg.stringList({ description: 'Only these attributes.' }) },
      resolve: (e, args) =>
        Object.entries(e.attributes)
          .filter(([name]) => !args.names || args.names.includes(name))
          .map(([name, value]) => ({ name, value })),
    }),
    attribute: t.field({
      type: AttributeRef,
      nullable: true,
      args: { name: t.arg.string({ required: true }) },
      resolve: (e, args) => {
        const value = e.attributes[args.name];
        return value === undefined ? null : { name: args.name, value };
      },
    }),
    relationships: t.connection({
      type: RelationshipRef,
      description: 'Relationships touching this entity, best weight first.',
      args: {
        direction: t.arg({ type: DirectionEnum, defaultValue: 'both' }),
        types: t.arg.stringList(),
        minWeight: t.arg.float(),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
      // Paged in SQL: the batch reads the best offset+limit rows of each entity in one statement.
      resolve: (e, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: 200 }, async ({ offset, limit }) => {
          const rows = await ctx.loaders
            .relationships(args.direction ?? 'both', args.types ?? undefined, {
              minWeight: args.minWeight ?? undefined,
              perEntity: offset + limit,
            })
            .load(e.id);
          return rows.slice(offset, offset + limit).map((r) => r.relationship);
        }),
    }),
    resources: t.field({
      type: [EntityResourceRef],
      resolve: (e, _args, ctx) => ctx.loaders.resourcesOf.load(e.id),
    }),
    versions: t.field({
      type: [EntityVersionRef],
      resolve: async (e, _args, ctx) =>
        [...(await ctx.loaders.versions.load(e.id))].sort((a, b) => b.version - a.version),
    }),
    usage: t.field({
      type: EntityUsageRef,
      resolve: async (e, _args, ctx) =>
        (await ctx.loaders.usage.load(e.id)) ?? { usageCount: 0, lastAccessed: null },
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (e) => e.updatedAt }),
  }),
});

builder.node(RelationshipRef, {
  description: 'A typed, weighted edge between two entities; `path` places its type in an ltree hierarchy.',
  id: { resolve: (r) => r.id, parse: parseNumericId },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.relationship, ids),
  fields: (t) => ({
    type: t.exposeString('type'),
    weight: t.exposeFloat('weight'),
    path: t.exposeString('path'),
    from: t.field({
      type: EntityRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.entity.load(r.fromId),
    }),
    to: t.field({
      type: EntityRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.entity.load(r.toId),
    }),
  }),
});

builder.node(ResourceRef, {
  description: 'An external document (web page, file) linked to entities.',
  id: { resolve: (r) => r.id, parse: parseNumericId },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.resource, ids),
  fields: (t) => ({
    uri: t.exposeString('uri'),
    title: t.exposeString('title', { nullable: true }),
    contentType: t.exposeString('contentType'),
    text: t.string({
      nullable: true,
      args: { maxLength: t.arg.int({ defaultValue: 2_000 }) },
      resolve: (r, args) => (r.text === null ? null : r.text.slice(0, Math.max(0, args.maxLength ?? 2_000))),
    }),
    fetchedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.fetchedAt }),
  }),
});
