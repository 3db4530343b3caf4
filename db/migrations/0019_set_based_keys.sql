ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_reference_response_id_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_prompt_study_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_baseline_model_fk";
--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_prompt_id_prompts_id_fk";
--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_model_id_models_id_fk";
--> statement-breakpoint
DROP INDEX "prompts_id_study_idx";--> statement-breakpoint
DROP INDEX "responses_id_model_idx";--> statement-breakpoint
-- The keys between the three bulk tables (prompts <- responses <- comparisons, and models <- responses) are checked
-- once per statement by the triggers below, in place of the foreign keys dropped above. A foreign key checks its
-- rows one at a time (about 5.5 us each): an import of 100,000 comparisons and their 125,000 responses made 550,000
-- checks, 3 s of 7 s. Here each statement's rows are checked by one join per key. What the keys did is kept:
-- a row whose parent is missing is refused (SQLSTATE 23503, under the old constraint's name); the parents checked
-- are locked FOR KEY SHARE first, as a key check locks them, so that a concurrent delete waits for the inserting
-- transaction and its cascade then sees the new rows (and an insert that waited for a delete finds the parent gone);
-- deleting a prompt or a response deletes what refers to it; a model with responses cannot be deleted; a key that
-- is referred to cannot change; TRUNCATE cannot leave orphans. Prompts keep their foreign key to studies. The two
-- unique indexes dropped above existed only as targets of composite foreign keys (0018); the checks use the primary
-- keys, and 150,000 fewer index entries are written per 100,000 comparisons.

-- Raises a foreign key violation worded as Postgres words its own.
CREATE FUNCTION key_violation(tbl text, constraint_name text, key_text text, parent text, still_referenced boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF still_referenced THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = parent, CONSTRAINT = constraint_name,
      MESSAGE = format('update or delete on table "%s" violates foreign key constraint "%s" on table "%s"',
        parent, constraint_name, tbl),
      DETAIL = format('Key %s is still referenced from table "%s".', key_text, tbl);
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = tbl, CONSTRAINT = constraint_name,
    MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s"', tbl, constraint_name),
    DETAIL = format('Key %s is not present in table "%s".', key_text, parent);
END $$;
--> statement-breakpoint
-- Whether the rows of `parent` with the given keys (values of its columns `cols`, one array per column, by position,
-- each key once; a child's columns `child_cols` hold them) all exist, after locking them FOR KEY SHARE as a foreign
-- key's check does. A key's row is unique, so the rows locked are as many as the keys exactly when none is missing.
-- A row deleted by a concurrent transaction that this one waited for is not locked, so it counts as missing. On a
-- miss, raises with the first missing key. (EXECUTE: the parent and its key columns vary, and each call is planned
-- for its arrays' lengths.)
CREATE FUNCTION keys_present(child text, constraint_name text, child_cols text[], parent text, cols text[],
  k1 integer[], k2 integer[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  one boolean := cardinality(cols) = 1;
  keys text := CASE WHEN one THEN 'unnest($1) k(a)' ELSE 'unnest($1, $2) k(a, b)' END;
  match text := CASE WHEN one THEN format('x.%I = k.a', cols[1])
    ELSE format('x.%I = k.a AND x.%I = k.b', cols[1], cols[2]) END;
  locked bigint;
  missing text;
BEGIN
  -- count(*) reads every row of the join, so every one is locked.
  EXECUTE format('SELECT count(*) FROM (SELECT FROM %I x JOIN %s ON %s FOR KEY SHARE OF x) l', parent, keys, match)
    INTO locked USING k1, k2;
  IF locked < coalesce(cardinality(k1), 0) THEN
    EXECUTE format('SELECT %s FROM %s WHERE NOT EXISTS (SELECT FROM %I x WHERE %s) LIMIT 1',
      CASE WHEN one THEN 'k.a::text' ELSE 'k.a || '', '' || k.b' END, keys, parent, match) INTO missing USING k1, k2;
    PERFORM key_violation(child, constraint_name,
      format('(%s)=(%s)', array_to_string(child_cols, ', '), missing), parent, false);
  END IF;
END $$;
--> statement-breakpoint
-- Responses (by position): each prompt and model exists.
CREATE FUNCTION responses_keys_verify(prompt_ids integer[], model_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM keys_present('responses', 'responses_prompt_id_prompts_id_fk', ARRAY['prompt_id'], 'prompts', ARRAY['id'],
    ARRAY(SELECT DISTINCT unnest(prompt_ids)));
  PERFORM keys_present('responses', 'responses_model_id_models_id_fk', ARRAY['model_id'], 'models', ARRAY['id'],
    ARRAY(SELECT DISTINCT unnest(model_ids)));
END $$;
--> statement-breakpoint
-- Comparisons (by position): (prompt, study) is a prompt's; the reference response exists; (baseline response,
-- model) is a response's.
CREATE FUNCTION comparisons_keys_verify(
  prompt_ids integer[], study_ids integer[], reference_ids integer[], baseline_ids integer[], model_ids integer[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a integer[];
  b integer[];
BEGIN
  SELECT array_agg(x), array_agg(y) INTO a, b FROM (SELECT DISTINCT x, y FROM unnest(prompt_ids, study_ids) k(x, y)) d;
  PERFORM keys_present('comparisons', 'comparisons_prompt_study_fk', ARRAY['prompt_id', 'study_id'], 'prompts',
    ARRAY['id', 'study_id'], a, b);
  PERFORM keys_present('comparisons', 'comparisons_reference_response_id_responses_id_fk',
    ARRAY['reference_response_id'], 'responses', ARRAY['id'], ARRAY(SELECT DISTINCT unnest(reference_ids)));
  SELECT array_agg(x), array_agg(y) INTO a, b FROM (SELECT DISTINCT x, y FROM unnest(baseline_ids, model_ids) k(x, y)) d;
  PERFORM keys_present('comparisons', 'comparisons_baseline_model_fk', ARRAY['baseline_response_id',
    'baseline_model_id'], 'responses', ARRAY['id', 'model_id'], a, b);
END $$;
--> statement-breakpoint
-- Inserted rows, once per statement; updated rows only when a key column changed (rare: a row trigger).
CREATE FUNCTION responses_keys_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM responses_keys_verify(array_agg(prompt_id), array_agg(model_id)) FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION responses_keys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.prompt_id, NEW.model_id) IS DISTINCT FROM (OLD.prompt_id, OLD.model_id) THEN
    PERFORM responses_keys_verify(ARRAY[NEW.prompt_id], ARRAY[NEW.model_id]);
  END IF;
  -- As a parent: comparisons refer to (id) and (id, model_id).
  IF (NEW.id, NEW.model_id) IS DISTINCT FROM (OLD.id, OLD.model_id) THEN
    IF EXISTS (SELECT FROM comparisons WHERE reference_response_id = OLD.id) THEN
      PERFORM key_violation('comparisons', 'comparisons_reference_response_id_responses_id_fk',
        format('(id)=(%s)', OLD.id), 'responses', true);
    END IF;
    IF EXISTS (SELECT FROM comparisons WHERE baseline_response_id = OLD.id AND baseline_model_id = OLD.model_id) THEN
      PERFORM key_violation('comparisons', 'comparisons_baseline_model_fk',
        format('(id, model_id)=(%s, %s)', OLD.id, OLD.model_id), 'responses', true);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION comparisons_keys_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM comparisons_keys_verify(array_agg(prompt_id), array_agg(study_id), array_agg(reference_response_id),
    array_agg(baseline_response_id), array_agg(baseline_model_id)) FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION comparisons_keys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.prompt_id, NEW.study_id, NEW.reference_response_id, NEW.baseline_response_id, NEW.baseline_model_id)
    IS DISTINCT FROM (OLD.prompt_id, OLD.study_id, OLD.reference_response_id, OLD.baseline_response_id,
      OLD.baseline_model_id) THEN
    PERFORM comparisons_keys_verify(ARRAY[NEW.prompt_id], ARRAY[NEW.study_id], ARRAY[NEW.reference_response_id],
      ARRAY[NEW.baseline_response_id], ARRAY[NEW.baseline_model_id]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Prompts as a parent: responses refer to (id), comparisons to (id, study_id).
CREATE FUNCTION prompts_keys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id AND EXISTS (SELECT FROM responses WHERE prompt_id = OLD.id) THEN
    PERFORM key_violation('responses', 'responses_prompt_id_prompts_id_fk', format('(id)=(%s)', OLD.id),
      'prompts', true);
  END IF;
  IF (NEW.id, NEW.study_id) IS DISTINCT FROM (OLD.id, OLD.study_id)
    AND EXISTS (SELECT FROM comparisons WHERE prompt_id = OLD.id AND study_id = OLD.study_id) THEN
    PERFORM key_violation('comparisons', 'comparisons_prompt_study_fk',
      format('(id, study_id)=(%s, %s)', OLD.id, OLD.study_id), 'prompts', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION models_keys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id AND EXISTS (SELECT FROM responses WHERE model_id = OLD.id) THEN
    PERFORM key_violation('responses', 'responses_model_id_models_id_fk', format('(id)=(%s)', OLD.id),
      'models', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Deletes, once per statement: a prompt's comparisons and responses go with it (a deleted study's prompts go by
-- their foreign key's cascade, which fires this too), a response's comparisons with it; a model with responses stays.
CREATE FUNCTION prompts_keys_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comparisons WHERE prompt_id IN (SELECT id FROM old_rows);
  DELETE FROM responses WHERE prompt_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION responses_keys_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comparisons
  WHERE reference_response_id IN (SELECT id FROM old_rows) OR baseline_response_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION models_keys_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced integer;
BEGIN
  SELECT model_id INTO referenced FROM responses WHERE model_id IN (SELECT id FROM old_rows) LIMIT 1;
  IF FOUND THEN
    PERFORM key_violation('responses', 'responses_model_id_models_id_fk', format('(id)=(%s)', referenced),
      'models', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- TRUNCATE of a parent, alone or with its children in one statement (AFTER TRUNCATE triggers fire once all the
-- statement's tables are emptied): refused while a child table (the trigger's arguments) still has rows.
CREATE FUNCTION keys_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  child text;
  orphans boolean;
BEGIN
  FOREACH child IN ARRAY TG_ARGV LOOP
    EXECUTE format('SELECT EXISTS (SELECT FROM %I)', child) INTO orphans;
    IF orphans THEN
      RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format('cannot truncate table "%s": table "%s" refers to it', TG_TABLE_NAME, child);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_keys_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION responses_keys_inserted();
--> statement-breakpoint
CREATE TRIGGER responses_keys_update AFTER UPDATE OF id, prompt_id, model_id ON responses
FOR EACH ROW EXECUTE FUNCTION responses_keys_updated();
--> statement-breakpoint
CREATE TRIGGER responses_keys_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION responses_keys_deleted();
--> statement-breakpoint
CREATE TRIGGER responses_keys_truncate AFTER TRUNCATE ON responses
FOR EACH STATEMENT EXECUTE FUNCTION keys_truncated('comparisons');
--> statement-breakpoint
CREATE TRIGGER comparisons_keys_insert AFTER INSERT ON comparisons REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION comparisons_keys_inserted();
--> statement-breakpoint
CREATE TRIGGER comparisons_keys_update
AFTER UPDATE OF prompt_id, study_id, reference_response_id, baseline_response_id, baseline_model_id ON comparisons
FOR EACH ROW EXECUTE FUNCTION comparisons_keys_updated();
--> statement-breakpoint
CREATE TRIGGER prompts_keys_update AFTER UPDATE OF id, study_id ON prompts
FOR EACH ROW EXECUTE FUNCTION prompts_keys_updated();
--> statement-breakpoint
CREATE TRIGGER prompts_keys_delete AFTER DELETE ON prompts REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION prompts_keys_deleted();
--> statement-breakpoint
CREATE TRIGGER prompts_keys_truncate AFTER TRUNCATE ON prompts
FOR EACH STATEMENT EXECUTE FUNCTION keys_truncated('responses', 'comparisons');
--> statement-breakpoint
CREATE TRIGGER models_keys_update AFTER UPDATE OF id ON models
FOR EACH ROW EXECUTE FUNCTION models_keys_updated();
--> statement-breakpoint
CREATE TRIGGER models_keys_delete AFTER DELETE ON models REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION models_keys_deleted();
--> statement-breakpoint
CREATE TRIGGER models_keys_truncate AFTER TRUNCATE ON models
FOR EACH STATEMENT EXECUTE FUNCTION keys_truncated('responses');
