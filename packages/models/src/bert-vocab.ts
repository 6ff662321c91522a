import { gguf, type GgufMetadataValue } from './gguf-writer';

/** The special tokens every BERT vocabulary we write starts with, in llama.cpp's id order. */
export const BERT_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/**
 * The `tokenizer.ggml.*` metadata of a BERT GGUF whose vocabulary starts with
 * `BERT_SPECIAL_TOKENS`, so every model we write tokenises (and marks [UNK]/control tokens) alike.
 */
export function bertTokenizerMetadata(tokens: readonly string[]): Record<string, GgufMetadataValue> {
  const unk = BERT_SPECIAL_TOKENS.indexOf('[UNK]');
  const tokenTypes = tokens.map((_, i) => (i === unk ? 2 : i < BERT_SPECIAL_TOKENS.length ? 3 : 1));
  return {
    'tokenizer.ggml.model': gguf.str('bert'),
    'tokenizer.ggml.tokens': gguf.strings(tokens),
    'tokenizer.ggml.token_type': gguf.i32s(tokenTypes),
    'tokenizer.ggml.token_type_count': gguf.u32(2),
    'tokenizer.ggml.padding_token_id': gguf.u32(0),
    'tokenizer.ggml.unknown_token_id': gguf.u32(1),
    'tokenizer.ggml.bos_token_id': gguf.u32(2),
    'tokenizer.ggml.cls_token_id': gguf.u32(2),
    'tokenizer.ggml.eos_token_id': gguf.u32(3),
    'tokenizer.ggml.seperator_token_id': gguf.u32(3),
    'tokenizer.ggml.mask_token_id': gguf.u32(4),
    'tokenizer.ggml.add_bos_token': gguf.bool(true),
    'tokenizer.ggml.add_eos_token': gguf.bool(true),
  };
}
