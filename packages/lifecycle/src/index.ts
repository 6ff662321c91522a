// Public API of @rustygpt/lifecycle. Other packages import only from here.
export { Lifecycle, type LifecycleOptions } from './lifecycle';
export { ByteLru, type ByteLruStats } from './byte-lru';
export {
  adaptPolicy,
  processMemory,
  RateMeter,
  DEFAULT_PRUNING_POLICY,
  DAY_MS,
  type AdaptedPolicy,
  type LoadSignals,
  type PruningPolicy,
} from './adaptive';
export {
  compareEntities,
  decide,
  assertThresholds,
  DEFAULT_DEDUP_THRESHOLDS,
  type Comparison,
  type DedupDecision,
  type DedupThresholds,
  type EntityProfile,
} from './similarity';
export { Deduplicator, type DedupCandidate, type DedupOptions, type DedupReport, type Match } from './dedup';
export type { CandidateRow, CandidateState } from './sql/dedup';
export {
  mergeEntities,
  rollbackMerge,
  type MergeOptions,
  type MergeResult,
  type RollbackResult,
} from './merge';
export { Discovery, invalidMention, discoveredKey, type Mention, type DiscoveryReport } from './discovery';
export type { StagedRow, StagedState } from './sql/staging';
export {
  reinforce,
  decayWeights,
  inferRelationships,
  type InferenceOptions,
  type InferenceReport,
  type Proposal,
} from './weights';
export { targetState, planMoves, pruneJob, planPrune, type PruneMode, type PrunePlan } from './pruning';
export { Reactivator, type ReactivationOptions, type ReactivationReport, type Reembed } from './reactivation';
export { consistencyJob, CONSISTENCY_CHECKS } from './consistency';
export {
  runResumable,
  type BatchOutcome,
  type JobProgress,
  type JobReport,
  type ResumableJob,
  type RunJobOptions,
} from './jobs';
export { dequantize, quantize, type QuantizedVector } from './quantize';
export {
  lifecycleJobDefinitions,
  type LifecycleJobContext,
  type LifecycleJobDefinition,
} from './job-definitions';
