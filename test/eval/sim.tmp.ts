import { createEmbedder } from '@rustygpt/models';
const e = await createEmbedder();
const pairs = [['heavy', 'atomic mass'], ['weight', 'atomic mass'], ['found', 'discovered by'], ['isolate', 'discovered by'], ['look', 'appearance'], ['weight', 'density'], ['heavy', 'density'], ['born', 'birth place'], ['wrote', 'author'], ['hot', 'boiling point'], ['weight', 'electron configuration'], ['found', 'named by'], ['atom', 'atomic number'], ['temperature', 'melting point']];
const vs = await e.embed(pairs.flat());
const cos = (a: Float32Array, b: Float32Array) => { let d = 0, x = 0, y = 0; for (let i = 0; i < a.length; i++) { d += a[i]! * b[i]!; x += a[i]! ** 2; y += b[i]! ** 2; } return d / Math.sqrt(x * y); };
pairs.forEach((p, i) => console.log(p.join(' ~ '), cos(vs[2 * i]!, vs[2 * i + 1]!).toFixed(3)));
await (e as unknown as { dispose?: () => Promise<void> }).dispose?.();
