-- Entity lifecycle (docs/LIFECYCLE.md, packages/lifecycle): discovery staging, merge history for
-- rollback, relationship usage for dynamic weights, archived (compressed) embeddings.

-- Mentions found while ingesting or answering that matched no entity: staged, validated against
-- existing entities (dedup), then created, merged into an existing entity, or sent to review.
CREATE TABLE staged_entities (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  mention      text NOT NULL CHECK (length(mention) BETWEEN 1 AND 512),
  normalized   text NOT NULL CHECK (length(normalized) > 0),
  type         text NOT NULL,
  source       text NOT NULL,
  attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
  seen_count   integer NOT NULL DEFAULT 1,
  state        text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'created', 'merged', 'review', 'rejected')),
  entity_id    bigint REFERENCES entities (id) ON DELETE SET NULL,
  score        double precision,
  reason       text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, normalized, type)
);
CREATE INDEX staged_entities_state_idx ON staged_entities (workspace_id, state, id);

-- One row per merge: everything needed to undo it (the merged entities whole, the relationships,
-- links, usage and vectors they had, the kept entity before, the relationship rows the merge
-- created or changed).
CREATE TABLE entity_merges (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id    bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kept_id         bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  merged_ids      bigint[] NOT NULL,
  snapshot        jsonb NOT NULL,
  kept_version    integer NOT NULL,
  state           text NOT NULL DEFAULT 'applied' CHECK (state IN ('applied', 'rolled_back')),
  decided_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  rolled_back_at  timestamptz
);
CREATE INDEX entity_merges_kept_idx ON entity_merges (kept_id, id);

-- Traversals that contributed to answers: drives reinforcement and decay of relationship weights.
CREATE TABLE relationship_usage (
  relationship_id bigint PRIMARY KEY REFERENCES relationships (id) ON DELETE CASCADE,
  use_count       bigint NOT NULL DEFAULT 0,
  last_used       timestamptz NOT NULL DEFAULT now(),
  last_decayed    timestamptz
);

-- Vectors of archived entities, out of the HNSW index: int8-quantised (4x smaller), restored on
-- reactivation when the model is unchanged, recomputed otherwise.
CREATE TABLE archived_embeddings (
  entity_id    bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  model_id     bigint NOT NULL REFERENCES embedding_models (id) ON DELETE CASCADE,
  dims         integer NOT NULL CHECK (dims > 0),
  scale        real NOT NULL CHECK (scale >= 0),
  quantized    bytea NOT NULL,
  content_hash text NOT NULL,
  archived_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_id, model_id)
);
