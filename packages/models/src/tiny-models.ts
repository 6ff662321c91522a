/**
 * Tiny random-weight GGUF models written at test time, so tests of any package exercise the
 * real node-llama-cpp loading, streaming and cancellation code without a model hub: a 2-layer
 * llama chat model with a small SentencePiece vocabulary, and a small BERT embedding model.
 * Their outputs are meaningless; they prove the plumbing, not the quality.
 */
import { bertTokenizerMetadata, BERT_SPECIAL_TOKENS } from './bert-vocab';
import { gguf, writeGguf, type GgufTensor } from './gguf-writer';

/** Deterministic PRNG (mulberry32) so written models are byte-identical per seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTensor(name: string, dims: number[], rand: () => number, scale: number): GgufTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (rand() * 2 - 1) * scale;
  return { name, dims, type: 'f32', data };
}

function filled(name: string, dims: number[], value: number): GgufTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  return { name, dims, type: 'f32', data: new Float32Array(n).fill(value) };
}

const WORDS = [
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'is',
  'it',
  'was',
  'for',
  'on',
  'with',
  'as',
  'by',
  'at',
  'paris',
  'france',
  'capital',
  'city',
  'river',
  'iron',
  'metal',
  'element',
  'answer',
  'question',
  'yes',
  'no',
  'hello',
  'world',
  'red',
  'green',
  'blue',
  'one',
  'two',
  'three',
  'four',
  'five',
];

export interface TinyLlamaOptions {
  seed?: number;
  /** Hidden size (default 32). */
  embd?: number;
  layers?: number;
  contextLength?: number;
}

/**
 * Writes a tiny llama-architecture chat model. Its output layer never picks end-of-generation,
 * control or byte tokens (their logits are pushed far down through a constant hidden
 * component), so generation runs until `maxTokens` or cancellation and yields readable words.
 */
export async function writeTinyLlamaGguf(
  path: string,
  options: TinyLlamaOptions = {},
): Promise<{ sha256: string; vocabSize: number }> {
  const rand = prng(options.seed ?? 42);
  const d = options.embd ?? 32;
  const layers = options.layers ?? 2;
  const heads = 4;
  const ff = 2 * d;
  const ctx = options.contextLength ?? 512;

  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [2, 3, 3];
  const scores: number[] = [0, 0, 0];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
    scores.push(0);
  }
  const firstPiece = tokens.length;
  const pieces = [
    '\u2581',
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?!:;\'"()-#\n'.split(''),
    ...WORDS.map((w) => `\u2581${w}`),
  ];
  pieces.forEach((p, i) => {
    tokens.push(p);
    types.push(1);
    scores.push(p.length > 2 ? -1 - i / 100 : -10 - i / 100);
  });
  const vocab = tokens.length;

  // Token embeddings: small random values plus a constant +4 on dimension 0.
  const embd = randomTensor('token_embd.weight', [d, vocab], rand, 0.5);
  for (let t = 0; t < vocab; t++) embd.data[t * d] = 4;
  // Output: random rows, but strongly negative on dimension 0 for tokens we never want.
  const output = randomTensor('output.weight', [d, vocab], rand, 1);
  for (let t = 0; t < vocab; t++) output.data[t * d] = t < firstPiece || tokens[t] === '\u2581' ? -50 : 0;

  const tensors: GgufTensor[] = [embd, filled('output_norm.weight', [d], 1), output];
  for (let l = 0; l < layers; l++) {
    const b = `blk.${l}`;
    tensors.push(
      filled(`${b}.attn_norm.weight`, [d], 1),
      randomTensor(`${b}.attn_q.weight`, [d, d], rand, 0.2),
      randomTensor(`${b}.attn_k.weight`, [d, d], rand, 0.2),
      randomTensor(`${b}.attn_v.weight`, [d, d], rand, 0.2),
      randomTensor(`${b}.attn_output.weight`, [d, d], rand, 0.1),
      filled(`${b}.ffn_norm.weight`, [d], 1),
      randomTensor(`${b}.ffn_gate.weight`, [d, ff], rand, 0.2),
      randomTensor(`${b}.ffn_up.weight`, [d, ff], rand, 0.2),
      randomTensor(`${b}.ffn_down.weight`, [ff, d], rand, 0.1),
    );
  }
  const { sha256 } = await writeGguf(path, {
    metadata: {
      'general.architecture': gguf.str('llama'),
      'general.name': gguf.str('rustygpt-tiny-llama'),
      'llama.context_length': gguf.u32(ctx),
      'llama.embedding_length': gguf.u32(d),
      'llama.block_count': gguf.u32(layers),
      'llama.feed_forward_length': gguf.u32(ff),
      'llama.attention.head_count': gguf.u32(heads),
      'llama.attention.head_count_kv': gguf.u32(heads),
      'llama.rope.dimension_count': gguf.u32(d / heads),
      'llama.attention.layer_norm_rms_epsilon': gguf.f32(1e-5),
      'llama.vocab_size': gguf.u32(vocab),
      'tokenizer.ggml.model': gguf.str('llama'),
      'tokenizer.ggml.tokens': gguf.strings(tokens),
      'tokenizer.ggml.scores': gguf.f32s(scores),
      'tokenizer.ggml.token_type': gguf.i32s(types),
      'tokenizer.ggml.unknown_token_id': gguf.u32(0),
      'tokenizer.ggml.bos_token_id': gguf.u32(1),
      'tokenizer.ggml.eos_token_id': gguf.u32(2),
      'tokenizer.ggml.add_bos_token': gguf.bool(true),
      'tokenizer.ggml.add_eos_token': gguf.bool(false),
    },
    tensors,
  });
  return { sha256, vocabSize: vocab };
}

function collapsedEmbeddings(d: number, vocab: number, rand: () => number): GgufTensor {
  const row = randomTensor('row', [d], rand, 1).data;
  const data = new Float32Array(d * vocab);
  for (let t = 0; t < vocab; t++) data.set(row, t * d);
  return { name: 'token_embd.weight', dims: [d, vocab], type: 'f32', data };
}

/**
 * Writes a tiny BERT embedding model (random weights, 2 layers, WordPiece vocabulary of
 * `words`): a "user's GGUF" for tests of the file and download paths, or, `collapsed`, a
 * broken one whose vectors carry no information (re-base verification must reject it).
 */
export async function writeTinyBertGguf(
  path: string,
  options: {
    seed?: number;
    dims?: number;
    words?: readonly string[];
    /** Every token gets the same embedding: a collapsed model that maps all texts to one vector. */
    collapsed?: boolean;
  } = {},
): Promise<{ sha256: string; dims: number }> {
  const rand = prng(options.seed ?? 7);
  const d = options.dims ?? 48;
  const ff = 2 * d;
  const ctx = 128;
  const words = options.words ?? WORDS;
  const specials = BERT_SPECIAL_TOKENS;
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const tokens = [
    ...new Set([
      ...specials,
      ...words.map((w) => `\u2581${w}`),
      ...letters.map((l) => `\u2581${l}`),
      ...letters,
    ]),
  ];
  const vocab = tokens.length;
  const tensors: GgufTensor[] = [
    options.collapsed
      ? collapsedEmbeddings(d, vocab, rand)
      : randomTensor('token_embd.weight', [d, vocab], rand, 1),
    filled('token_types.weight', [d, 2], 0),
    options.collapsed
      ? filled('position_embd.weight', [d, ctx], 0)
      : randomTensor('position_embd.weight', [d, ctx], rand, 0.05),
    filled('token_embd_norm.weight', [d], 1),
    filled('token_embd_norm.bias', [d], 0),
  ];
  for (let l = 0; l < 2; l++) {
    const b = `blk.${l}`;
    tensors.push(
      randomTensor(`${b}.attn_q.weight`, [d, d], rand, 0.2),
      filled(`${b}.attn_q.bias`, [d], 0),
      randomTensor(`${b}.attn_k.weight`, [d, d], rand, 0.2),
      filled(`${b}.attn_k.bias`, [d], 0),
      randomTensor(`${b}.attn_v.weight`, [d, d], rand, 0.2),
      filled(`${b}.attn_v.bias`, [d], 0),
      randomTensor(`${b}.attn_output.weight`, [d, d], rand, 0.2),
      filled(`${b}.attn_output.bias`, [d], 0),
      filled(`${b}.attn_output_norm.weight`, [d], 1),
      filled(`${b}.attn_output_norm.bias`, [d], 0),
      randomTensor(`${b}.ffn_up.weight`, [d, ff], rand, 0.2),
      filled(`${b}.ffn_up.bias`, [ff], 0),
      randomTensor(`${b}.ffn_down.weight`, [ff, d], rand, 0.2),
      filled(`${b}.ffn_down.bias`, [d], 0),
      filled(`${b}.layer_output_norm.weight`, [d], 1),
      filled(`${b}.layer_output_norm.bias`, [d], 0),
    );
  }
  const { sha256 } = await writeGguf(path, {
    metadata: {
      'general.architecture': gguf.str('bert'),
      'general.name': gguf.str('rustygpt-tiny-bert'),
      'bert.context_length': gguf.u32(ctx),
      'bert.embedding_length': gguf.u32(d),
      'bert.feed_forward_length': gguf.u32(ff),
      'bert.block_count': gguf.u32(2),
      'bert.attention.head_count': gguf.u32(4),
      'bert.attention.layer_norm_epsilon': gguf.f32(1e-12),
      'bert.attention.causal': gguf.bool(false),
      'bert.pooling_type': gguf.u32(1),
      ...bertTokenizerMetadata(tokens),
    },
    tensors,
  });
  return { sha256, dims: d };
}
