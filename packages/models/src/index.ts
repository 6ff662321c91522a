export {
  createEmbedder,
  parseEmbeddingModelSpec,
  builtinModelId,
  GLOVE_MODEL_ID,
  DEFAULT_EMBEDDING_MODEL,
} from './embedder-factory';
export type { AnyEmbedder, CreateEmbedderOptions, EmbeddingModelSpec } from './embedder-factory';
export { LlamaEmbedder } from './llama-embedder';
export type { LlamaEmbedderOptions } from './llama-embedder';
export { UseEmbedder, USE_MODEL_ID } from './use-embedder';
export { BatchingEmbedder, contentHash } from './batching-embedder';
export type { BatchingOptions, EmbedderStats } from './batching-embedder';
export { LlamaGenerator, DEFAULT_SYSTEM_PROMPT } from './llama-generator';
export type { LlamaGeneratorOptions } from './llama-generator';
export { createGenerator } from './generator-factory';
export { writeGguf, encodeGguf, encodeGgufToBuffer, gguf } from './gguf-writer';
export type { GgufSpec, GgufTensor, GgufMetadataValue, GgufScalarType } from './gguf-writer';
export { writeTinyLlamaGguf, writeTinyBertGguf } from './tiny-models';
export { entityDocument, relationsFromNeighbours, MAX_DOCUMENT_RELATIONS } from './entity-document';
export type { EntityDocument, DocumentRelation } from './entity-document';
export { chunkText } from './chunker';
export type { TextChunk, ChunkOptions } from './chunker';
export { downloadModel } from './download';
export type { DownloadOptions, DownloadProgress, DownloadedModel } from './download';
export { ensureGloveModel } from './builtin-glove';
export { modelsDir } from './models-dir';
export { llamaRuntime, backendName, gpuSettingFromEnv } from './llama-runtime';
export type { GpuSetting } from './llama-runtime';
export { cosine, normalize } from './vector-math';
export { runDoctor, formatDoctorReport, probeSentences } from './doctor';
export type { DoctorReport } from './doctor';
export {
  indexEmbeddings,
  buildEntityDocuments,
  modelRowFor,
  chunkEmbeddingText,
  EMBEDDED_STATES,
} from './indexing';
export type { IndexOptions, IndexProgress, IndexResult } from './indexing';
export {
  retrieveResources,
  reciprocalRankFusion,
  fullTextQuery,
  AliasIndex,
  DEFAULT_FUSION_WEIGHTS,
} from './retrieval';
export type { RetrievalMode, RetrievedResource, RetrieveOptions, FusionWeights } from './retrieval';
export { rebase, verifyModel } from './rebase';
export type { RebaseOptions, RebaseProgress, RebaseReport, RebaseVerification } from './rebase';
export { ActiveEmbedder } from './active-embedder';
export type { ActiveEmbedderOptions } from './active-embedder';
