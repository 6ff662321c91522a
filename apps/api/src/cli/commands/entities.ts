import { NotFoundError, type Entity } from '@rustygpt/core';
import type { Command } from 'commander';
import { withStore } from '../context';

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** Human-readable view of one entity with its relationships. */
function formatEntity(
  entity: Entity,
  relations: { direction: 'out' | 'in'; type: string; other: string; weight: number }[],
): string {
  const lines = [
    `${entity.name}  [${entity.type}]  key=${entity.key}  id=${entity.id}  state=${entity.state}  v${entity.version}`,
  ];
  if (entity.aliases.length > 0) lines.push(`  aliases: ${entity.aliases.join(', ')}`);
  for (const [name, value] of Object.entries(entity.attributes))
    lines.push(`  ${name}: ${formatValue(value)}`);
  for (const r of relations) {
    lines.push(
      r.direction === 'out'
        ? `  -> ${r.type} -> ${r.other} (w=${r.weight})`
        : `  <- ${r.type} <- ${r.other} (w=${r.weight})`,
    );
  }
  return lines.join('\n');
}

/** `rustygpt entities search|show`: look up entities from the terminal. */
export function register(program: Command): void {
  const entities = program
    .command('entities')
    .description('search and inspect entities of the knowledge graph');
  entities
    .command('search')
    .description('find entities whose name or alias contains the text (case- and accent-insensitive)')
    .argument('<text>', 'text to look for, e.g. "red planet"')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--limit <n>', 'most results', '20')
    .option('--json', 'print JSON', false)
    .action(async (text: string, opts: { workspace: string; limit: string; json: boolean }) => {
      await withStore(opts.workspace, async (store) => {
        const limit = Math.max(1, Math.min(1000, Number.parseInt(opts.limit, 10) || 20));
        const found = await store.searchEntities(text, { limit });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
          return;
        }
        if (found.length === 0) process.stdout.write(`no entity matches ${JSON.stringify(text)}\n`);
        for (const e of found)
          process.stdout.write(`${String(e.id).padStart(6)}  ${e.key}  ${e.name}  [${e.type}]\n`);
      });
    });
  entities
    .command('show')
    .description('show one entity with its aliases, attributes and relationships')
    .argument('<key|id>', 'entity key (e.g. planet:earth) or numeric id')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print JSON', false)
    .action(async (ref: string, opts: { workspace: string; json: boolean }) => {
      await withStore(opts.workspace, async (store) => {
        const entity = /^\d+$/.test(ref)
          ? ((await store.getEntity(Number(ref))) ?? (await store.getEntityByKey(ref)))
          : await store.getEntityByKey(ref);
        if (!entity) throw new NotFoundError('entity', ref);
        const neighbours = await store.neighbours(entity.id, { direction: 'both', limit: 200 });
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify(
              {
                ...entity,
                relationships: neighbours.map((n) => ({
                  ...n.relationship,
                  direction: n.direction,
                  otherKey: n.entity.key,
                })),
              },
              null,
              2,
            )}\n`,
          );
          return;
        }
        process.stdout.write(
          `${formatEntity(
            entity,
            neighbours.map((n) => ({
              direction: n.direction,
              type: n.relationship.type,
              other: n.entity.key,
              weight: n.relationship.weight,
            })),
          )}\n`,
        );
      });
    });
}
