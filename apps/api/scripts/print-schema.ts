// Rewrites apps/api/schema.graphql from the Pothos schema (`npm run schema -w @rustygpt/api`).
import { writeFileSync } from 'node:fs';
import { printApiSchema } from '../src/schema';

const target = new URL('../schema.graphql', import.meta.url);
writeFileSync(target, printApiSchema());
process.stdout.write(`wrote ${target.pathname}\n`);
