import { NotFoundError, ValidationError } from '@rustygpt/core';
import type { Database, Queryable } from './database';

/**
 * Where a model is in its life: `building` (registered, vectors being written), `active` (the one
 * model queries use) or `retired` (replaced by a re-base; its vectors may still be dropped).
 */
export type EmbeddingModelState = 'building' | 'active' | 'retired';

/** A registered embedding model; its vectors live beside other models' vectors. */
export interface EmbeddingModel {
  id: number;
  name: string;
  dims: number;
  fileHash: string;
  state: EmbeddingModelState;
  createdAt: Date;
  activatedAt: Date | null;
}

interface ModelRow {
  id: number;
  name: string;
  dims: number;
  file_hash: string;
  state: EmbeddingModelState;
  created_at: Date;
  activated_at: Date | null;
}

const COLUMNS = 'id, name, dims, file_hash, state, created_at, activated_at';

function toModel(r: ModelRow): EmbeddingModel {
  return {
    id: Number(r.id),
    name: r.name,
    dims: Number(r.dims),
    fileHash: r.file_hash,
    state: r.state,
    createdAt: new Date(r.created_at),
    activatedAt: r.activated_at ? new Date(r.activated_at) : null,
  };
}

/** Name of a model's partial HNSW index. */
export function modelIndexName(modelId: number, kind: 'entity' | 'chunk' = 'entity'): string {
  return `${kind}_embeddings_hnsw_m${Math.trunc(modelId)}`;
}

/**
 * The embedding model registry. Several models coexist; exactly one may be active, and switching
 * is one transaction so readers never see zero or two active models.
 */
export class EmbeddingModels {
  private readonly cache = new Map<string | number, EmbeddingModel>();

  constructor(private readonly db: Database) {}

  /**
   * Registers a model by name (idempotent when dims and file hash match; a changed file
   * re-registers as building).
   * @throws ValidationError (`BAD_USER_INPUT`) when dims is not in [1, 16000] or differs from the
   * registered model's.
   */
  async register(input: { name: string; dims: number; fileHash: string }): Promise<EmbeddingModel> {
    if (!Number.isInteger(input.dims) || input.dims < 1 || input.dims > 16000) {
      throw new ValidationError('dims must be an integer between 1 and 16000', 'dims');
    }
    const existing = await this.getByName(input.name);
    if (existing && existing.dims !== input.dims) {
      throw new ValidationError(
        `model ${input.name} is registered with ${existing.dims} dimensions, not ${input.dims}`,
        'dims',
      );
    }
    const rows = await this.db.query<ModelRow>(
      `INSERT INTO embedding_models (name, dims, file_hash) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET file_hash = EXCLUDED.file_hash,
         state = CASE WHEN embedding_models.file_hash = EXCLUDED.file_hash THEN embedding_models.state ELSE 'building' END
       RETURNING ${COLUMNS}`,
      [input.name, input.dims, input.fileHash],
    );
    return toModel(rows[0] as ModelRow);
  }

  /** The model with this id, or null. */
  async get(id: number): Promise<EmbeddingModel | null> {
    const rows = await this.db.query<ModelRow>(`SELECT ${COLUMNS} FROM embedding_models WHERE id = $1`, [id]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  /** The model registered under `name` (an Embedder's `modelId`), or null. */
  async getByName(name: string): Promise<EmbeddingModel | null> {
    const rows = await this.db.query<ModelRow>(`SELECT ${COLUMNS} FROM embedding_models WHERE name = $1`, [
      name,
    ]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  /** Every registered model, oldest first. */
  async list(): Promise<EmbeddingModel[]> {
    const rows = await this.db.query<ModelRow>(`SELECT ${COLUMNS} FROM embedding_models ORDER BY id`);
    return rows.map(toModel);
  }

  /** The model queries should use now, or null before any model is activated. */
  async getActive(): Promise<EmbeddingModel | null> {
    const rows = await this.db.query<ModelRow>(
      `SELECT ${COLUMNS} FROM embedding_models WHERE state = 'active'`,
    );
    return rows[0] ? toModel(rows[0]) : null;
  }

  /**
   * Makes `id` the active model and retires the previous one, atomically.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown id.
   */
  async setActive(id: number): Promise<EmbeddingModel> {
    return this.db.transaction(async (tx) => {
      const target = await tx.query<ModelRow>(
        `SELECT ${COLUMNS} FROM embedding_models WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!target[0]) throw new NotFoundError('embedding model', id);
      await tx.query(`UPDATE embedding_models SET state = 'retired' WHERE state = 'active' AND id <> $1`, [
        id,
      ]);
      const rows = await tx.query<ModelRow>(
        `UPDATE embedding_models SET state = 'active', activated_at = coalesce(activated_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      return toModel(rows[0] as ModelRow);
    });
  }

  /** Sets a model's state (building, retired); use setActive to activate. */
  async setState(id: number, state: 'building' | 'retired'): Promise<void> {
    const rows = await this.db.query('UPDATE embedding_models SET state = $2 WHERE id = $1 RETURNING id', [
      id,
      state,
    ]);
    if (rows.length === 0) throw new NotFoundError('embedding model', id);
  }

  /**
   * Builds the model's partial HNSW indexes (entity and chunk vectors), cast to its dimension so
   * the planner uses them for queries written with the same cast. Idempotent; call after bulk loads.
   */
  async ensureIndex(
    modelId: number,
    dims: number,
    options: { maintenanceWorkMem?: string } = {},
  ): Promise<void> {
    const id = Math.trunc(modelId);
    const d = Math.trunc(dims);
    if (!(d >= 1 && d <= 2000))
      throw new ValidationError('HNSW indexes support 1 to 2000 dimensions', 'dims');
    const model = await this.get(id);
    if (!model) throw new NotFoundError('embedding model', modelId);
    if (model.dims !== d)
      throw new ValidationError(`model ${model.name} has ${model.dims} dimensions, not ${d}`, 'dims');
    const mem = options.maintenanceWorkMem ?? '256MB';
    if (!/^\d+(kB|MB|GB)$/.test(mem))
      throw new ValidationError('maintenanceWorkMem must look like 256MB', 'maintenanceWorkMem');
    await this.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL maintenance_work_mem = '${mem}'`);
      await tx.exec(
        `CREATE INDEX IF NOT EXISTS ${modelIndexName(id)} ON entity_embeddings
           USING hnsw ((embedding::vector(${d})) vector_cosine_ops) WHERE model_id = ${id}`,
      );
      await tx.exec(
        `CREATE INDEX IF NOT EXISTS ${modelIndexName(id, 'chunk')} ON chunk_embeddings
           USING hnsw ((embedding::vector(${d})) vector_cosine_ops) WHERE model_id = ${id}`,
      );
    });
    // Statistics that know about the new rows and index, so the planner picks the index.
    await this.db.exec('ANALYZE entity_embeddings; ANALYZE chunk_embeddings');
  }

  /** Deletes every vector (and both indexes) of a model, e.g. after a re-base retired it. */
  async deleteVectors(modelId: number): Promise<{ entities: number; chunks: number }> {
    const id = Math.trunc(modelId);
    return this.db.transaction(async (tx) => {
      await tx.exec(
        `DROP INDEX IF EXISTS ${modelIndexName(id)}; DROP INDEX IF EXISTS ${modelIndexName(id, 'chunk')}`,
      );
      const e = await tx.query('DELETE FROM entity_embeddings WHERE model_id = $1 RETURNING entity_id', [id]);
      const c = await tx.query('DELETE FROM chunk_embeddings WHERE model_id = $1 RETURNING chunk_id', [id]);
      await tx.query(`DELETE FROM embedding_jobs WHERE model_id = $1`, [id]);
      return { entities: e.length, chunks: c.length };
    });
  }

  /**
   * Resolves a model by name or id, or throws NotFoundError. Cached: a model's id, name and dims
   * never change once registered (its state may; read it with get()).
   */
  async require(model: string | number, q: Queryable = this.db): Promise<EmbeddingModel> {
    const cached = this.cache.get(model);
    if (cached) return cached;
    const rows = await q.query<ModelRow>(
      `SELECT ${COLUMNS} FROM embedding_models WHERE ${typeof model === 'number' ? 'id = $1' : 'name = $1'}`,
      [model],
    );
    if (!rows[0]) throw new NotFoundError('embedding model', model);
    const found = toModel(rows[0]);
    this.cache.set(found.id, found);
    this.cache.set(found.name, found);
    return found;
  }
}
