/**
 * `rustygpt retrieve [--k 5] [--mode hybrid] [--json] <question | ->`: the resources most
 * relevant to a question. With `-`, reads one question per line from standard input and prints
 * one JSON line per question, in order: {"resources": [{"uri", "title", "score"}]}.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ValidationError } from '@rustygpt/core';
import {
  ActiveEmbedder,
  AliasIndex,
  createEmbedder,
  retrieveResources,
  type RetrievalMode,
} from '@rustygpt/models';
import { searchChunksBm25 } from '@rustygpt/store';
import { withStore } from '../context';

const MODES: RetrievalMode[] = ['dense', 'fulltext', 'hybrid'];

export function register(program: Command): void {
  program
    .command('retrieve')
    .description('find the resources most relevant to a question (dense, full-text or hybrid)')
    .argument('<question>', 'the question, or - to read one question per line from stdin')
    .option('--k <n>', 'resources to return', '5')
    .option('--mode <mode>', 'dense | fulltext | hybrid', 'hybrid')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print JSON', false)
    .action(async (question: string, opts: { k: string; mode: string; workspace: string; json: boolean }) => {
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1 || k > 100)
        throw new ValidationError('must be an integer from 1 to 100', '--k');
      if (!MODES.includes(opts.mode as RetrievalMode))
        throw new ValidationError(`must be one of ${MODES.join(', ')}`, '--mode');
      const mode = opts.mode as RetrievalMode;
      await withStore(opts.workspace, async (store) => {
        const configured = mode === 'fulltext' ? undefined : await createEmbedder();
        const active = new ActiveEmbedder(store, { configured });
        const aliases = await AliasIndex.load(store);
        const lexical = (q: string, n: number) => searchChunksBm25(store.db, store.workspaceId, q, { k: n });
        const one = async (
          q: string,
        ): Promise<{ resources: { uri: string; title: string | null; score: number }[] }> => {
          const resources =
            mode === 'fulltext'
              ? await retrieveResources(store, q, { k, mode, lexical, aliases })
              : await active.run((embedder) =>
                  retrieveResources(store, q, { k, mode, embedder, lexical, aliases }),
                );
          return { resources: resources.map((r) => ({ uri: r.uri, title: r.title, score: r.score })) };
        };
        try {
          if (question === '-') {
            const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
            for await (const line of lines) {
              if (line.trim() === '') continue;
              process.stdout.write(`${JSON.stringify(await one(line.trim()))}\n`);
            }
            return;
          }
          const result = await one(question);
          if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else if (result.resources.length === 0) process.stdout.write('no resources found\n');
          else {
            for (const [i, r] of result.resources.entries()) {
              process.stdout.write(`${i + 1}. ${r.title ?? r.uri}  ${r.uri}  (${r.score.toFixed(4)})\n`);
            }
          }
        } finally {
          await active.dispose();
        }
      });
    });
}
