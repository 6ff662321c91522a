// Public API of @rustygpt/store. Other packages import only from here.
export type { Database, DatabaseMode, Queryable } from './database';
export { redactUrl } from './database';
export { openDatabase, DEFAULT_DATA_DIR, type OpenDatabaseOptions } from './open-database';
export { IN_MEMORY } from './embedded-database';
export { serveDatabase, type ServeDatabaseOptions, type ServedDatabase } from './serve-database';
export {
  migrate,
  loadMigrations,
  DEFAULT_MIGRATIONS_DIR,
  type Migration,
  type MigrationReport,
} from './migrate';
export { mapDatabaseError } from './db-errors';

export {
  KnowledgeStore,
  DEFAULT_WORKSPACE_ID,
  type EntityUpsert,
  type EntityUsage,
  type ResourceChunk,
} from './knowledge-store';
export {
  attributeLinkRows,
  insertAttributeLinks,
  type AttributeLinkRow,
  type UpsertOutcome,
} from './entity-writes';
export { rewireEntityReferences, type RewiredReferences } from './entity-merges';
export {
  EmbeddingModels,
  modelIndexName,
  type EmbeddingModel,
  type EmbeddingModelState,
} from './embedding-models';
export type { VectorRow, VectorSearchOptions } from './vector-store';

export {
  importBundle,
  validateBundle,
  type ImportSummary,
  type ImportProgress,
  type ImportOptions,
  type OutcomeCounts,
} from './bundle-import';
export { exportBundle } from './bundle-export';
export {
  knowledgeBundleSchema,
  validateBundleShape,
  jsonPath,
  type BundleIssue,
  type BundleValidation,
} from './bundle-schema';

export { toVectorLiteral, parseVector, cosineSimilarity } from './vector';
export { chunkText } from './chunking';
export { contentHash } from './resource-writes';

export { createRepositories, type Repositories } from './repositories/index';
export { UserRepository, type UserRecord } from './repositories/users';
export {
  WorkspaceRepository,
  type WorkspaceRecord,
  type WorkspaceRole,
  type MembershipRecord,
} from './repositories/workspaces';
export {
  ApiTokenRepository,
  API_TOKEN_PREFIX,
  hashToken,
  type ApiTokenRecord,
} from './repositories/api-tokens';
export {
  ConversationRepository,
  MessageRepository,
  type ConversationRecord,
  type MessageRecord,
  type MessageRole,
  type MessageStatus,
  type Page,
} from './repositories/conversations';
export { MessageEventRepository, type MessageEventRecord } from './repositories/message-events';
export { JobRepository, type JobRecord, type JobState, type JobPatch } from './repositories/jobs';
export {
  EmbeddingJobRepository,
  type EmbeddingJob,
  type EmbeddingTarget,
} from './repositories/embedding-jobs';
export * from './embeddings-support';
export * from './embeddings-bm25';
