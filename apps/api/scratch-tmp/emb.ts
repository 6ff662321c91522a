import { createEmbedder } from '@rustygpt/models';
const t = performance.now();
const e = await createEmbedder(undefined, { modelsDir: '/work/main/.rustygpt/models' });
console.log('load ms', performance.now() - t, e.modelId, e.dims);
const t2 = performance.now();
const v = await e.embed(['What is the capital of France?']);
console.log('embed ms', performance.now() - t2, v[0]?.length, typeof (e as { stats?: unknown }).stats);
await (e as unknown as { close?: () => Promise<void> }).close?.();
process.exit(0);
