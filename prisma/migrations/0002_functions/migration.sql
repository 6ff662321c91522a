-- The original design's SQL functions, adapted to the workspace-scoped schema. The store's
-- TypeScript API uses bulk statements for its own writes; these functions exist for psql users,
-- scripts and the tests that pin their behaviour (packages/store/test/sql-functions.test.ts).

-- insert_entity: upsert an entity by (workspace, key); returns its id. Changing type or name
-- bumps the version and the change counter; an unchanged call changes nothing.
CREATE FUNCTION insert_entity(p_workspace_id bigint, p_key text, p_type text, p_name text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  INSERT INTO entities (workspace_id, key, type, name)
  VALUES (p_workspace_id, p_key, p_type, p_name)
  ON CONFLICT (workspace_id, key) DO UPDATE
    SET type = EXCLUDED.type,
        name = EXCLUDED.name,
        version = entities.version + 1,
        change_seq = nextval('knowledge_change_seq'),
        updated_at = now()
    WHERE entities.type IS DISTINCT FROM EXCLUDED.type OR entities.name IS DISTINCT FROM EXCLUDED.name
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM entities WHERE workspace_id = p_workspace_id AND key = p_key;
  END IF;
  RETURN v_id;
END
$$;

-- find_similar_entity: cosine top-k over one model's entity vectors in a workspace. Uses the
-- same cast expression as the model's partial HNSW index so the planner can use it.
CREATE FUNCTION find_similar_entity(p_workspace_id bigint, p_model_id bigint, p_embedding vector, p_limit integer DEFAULT 10)
RETURNS TABLE (entity_id bigint, similarity double precision)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_dims integer;
BEGIN
  SELECT dims INTO v_dims FROM embedding_models WHERE id = p_model_id;
  IF v_dims IS NULL THEN
    RAISE EXCEPTION 'embedding model % not found', p_model_id USING ERRCODE = 'P0002';
  END IF;
  IF vector_dims(p_embedding) <> v_dims THEN
    RAISE EXCEPTION 'expected % dimensions, not %', v_dims, vector_dims(p_embedding) USING ERRCODE = '22000';
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT ee.entity_id, 1 - (ee.embedding::vector(%1$s) <=> $1::vector(%1$s))
       FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
      WHERE ee.model_id = $2 AND e.workspace_id = $3
      ORDER BY ee.embedding::vector(%1$s) <=> $1::vector(%1$s)
      LIMIT $4', v_dims)
  USING p_embedding, p_model_id, p_workspace_id, p_limit;
END
$$;

-- get_entity_relationships: every relationship touching an entity, with its direction.
CREATE FUNCTION get_entity_relationships(p_entity_id bigint)
RETURNS TABLE (relationship_id bigint, from_id bigint, to_id bigint, type text, weight double precision, path ltree, direction text)
LANGUAGE sql STABLE AS $$
  SELECT r.id, r.entity_id_1, r.entity_id_2, r.type, r.weight, r.path, 'out'
    FROM relationships r WHERE r.entity_id_1 = p_entity_id
  UNION ALL
  SELECT r.id, r.entity_id_1, r.entity_id_2, r.type, r.weight, r.path, 'in'
    FROM relationships r WHERE r.entity_id_2 = p_entity_id AND r.entity_id_1 <> p_entity_id
$$;

-- find_relationships: relationships of a workspace whose path lies under `p_prefix` (ltree <@).
CREATE FUNCTION find_relationships(p_workspace_id bigint, p_prefix ltree)
RETURNS SETOF relationships
LANGUAGE sql STABLE AS $$
  SELECT * FROM relationships WHERE workspace_id = p_workspace_id AND path <@ p_prefix ORDER BY id
$$;

-- insert_relationship: upsert a relationship by (from, to, type); both ends must be in the same
-- workspace. The path defaults to the type when null. Returns the relationship id.
CREATE FUNCTION insert_relationship(p_from bigint, p_to bigint, p_type text, p_weight double precision DEFAULT 1, p_path ltree DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_ws_from bigint;
  v_ws_to bigint;
  v_id bigint;
BEGIN
  SELECT workspace_id INTO v_ws_from FROM entities WHERE id = p_from;
  SELECT workspace_id INTO v_ws_to FROM entities WHERE id = p_to;
  IF v_ws_from IS NULL OR v_ws_to IS NULL THEN
    RAISE EXCEPTION 'entity not found' USING ERRCODE = '23503';
  END IF;
  IF v_ws_from <> v_ws_to THEN
    RAISE EXCEPTION 'relationship ends are in different workspaces' USING ERRCODE = '22023';
  END IF;
  INSERT INTO relationships (workspace_id, entity_id_1, entity_id_2, type, weight, path)
  VALUES (v_ws_from, p_from, p_to, p_type, coalesce(p_weight, 1), coalesce(p_path, text2ltree(p_type)))
  ON CONFLICT (entity_id_1, entity_id_2, type) DO UPDATE
    SET weight = EXCLUDED.weight, path = EXCLUDED.path, updated_at = now()
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
