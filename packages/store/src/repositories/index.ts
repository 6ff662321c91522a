import type { Database } from '../database';
import { ApiTokenRepository } from './api-tokens';
import { ConversationRepository, MessageRepository } from './conversations';
import { EmbeddingJobRepository } from './embedding-jobs';
import { JobRepository } from './jobs';
import { MessageEventRepository } from './message-events';
import { UserRepository } from './users';
import { WorkspaceRepository } from './workspaces';

/** Every small repository the API needs, over one database. */
export interface Repositories {
  users: UserRepository;
  workspaces: WorkspaceRepository;
  apiTokens: ApiTokenRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  messageEvents: MessageEventRepository;
  jobs: JobRepository;
  embeddingJobs: EmbeddingJobRepository;
}

/** Builds the repositories over a database handle. */
export function createRepositories(db: Database): Repositories {
  return {
    users: new UserRepository(db),
    workspaces: new WorkspaceRepository(db),
    apiTokens: new ApiTokenRepository(db),
    conversations: new ConversationRepository(db),
    messages: new MessageRepository(db),
    messageEvents: new MessageEventRepository(db),
    jobs: new JobRepository(db),
    embeddingJobs: new EmbeddingJobRepository(db),
  };
}
