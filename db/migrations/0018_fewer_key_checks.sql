-- Fewer foreign-key checks per imported row (each costs about 5 us: 100,000 comparisons wrote 700,000 of them).
-- Comparisons: (prompt, study) and (baseline response, its model) are each one composite key, which also holds
-- the copied study and model to their source; the unique indexes they reference come first.
CREATE UNIQUE INDEX "prompts_id_study_idx" ON "prompts" USING btree ("id","study_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "responses_id_model_idx" ON "responses" USING btree ("id","model_id");
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_study_id_studies_id_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_prompt_id_prompts_id_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_baseline_response_id_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" DROP CONSTRAINT "comparisons_baseline_model_id_models_id_fk";
--> statement-breakpoint
ALTER TABLE "comparison_queue" DROP CONSTRAINT "comparison_queue_comparison_id_comparisons_id_fk";
--> statement-breakpoint
ALTER TABLE "comparison_queue" DROP CONSTRAINT "comparison_queue_study_id_studies_id_fk";
--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_prompt_study_fk" FOREIGN KEY ("prompt_id","study_id") REFERENCES "public"."prompts"("id","study_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_baseline_model_fk" FOREIGN KEY ("baseline_response_id","baseline_model_id") REFERENCES "public"."responses"("id","model_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- The queue is derived from comparisons (0006), so it keeps no foreign keys: their checks cost an import of 100,000
-- comparisons over a second. A deleted comparison's row goes with it here, as ON DELETE CASCADE did (a deleted
-- study's comparisons go by the cascade through its prompts, which fires this too).
CREATE FUNCTION comparison_queue_remove_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comparison_queue WHERE comparison_id IN (SELECT id FROM old_comparisons);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER comparisons_queue_delete AFTER DELETE ON comparisons REFERENCING OLD TABLE AS old_comparisons
FOR EACH STATEMENT EXECUTE FUNCTION comparison_queue_remove_all();
--> statement-breakpoint
-- 0017's check of which rows an UPDATE changed joined the old and new rows with a plan kept from the function's
-- first call in the session, planned for one row: a nested loop, quadratic in the rows updated (a render pass of
-- 500 texts compared 250,000 pairs per statement). EXECUTE plans each call for the rows it has.
CREATE OR REPLACE FUNCTION results_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  derived text[] := ARRAY['html', 'messages_html', 'turns_html', 'masked_html', 'masked_turns_html', 'render_version'];
  ids integer[];
BEGIN
  -- Only the branch taken is planned, so each names the transition tables its trigger has.
  IF TG_ARGV[0] = 'responses' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT p.study_id) INTO ids FROM new_rows n JOIN prompts p ON p.id = n.prompt_id;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT p.study_id) INTO ids FROM old_rows o JOIN prompts p ON p.id = o.prompt_id;
    ELSE
      EXECUTE 'SELECT array_agg(DISTINCT p.study_id) FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN prompts p ON p.id IN (n.prompt_id, o.prompt_id)
      WHERE (to_jsonb(n) - $1) IS DISTINCT FROM (to_jsonb(o) - $1)' INTO ids USING derived;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT study_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT study_id) INTO ids FROM old_rows;
  ELSIF TG_ARGV[0] = 'prompts' THEN
    EXECUTE 'SELECT array_agg(DISTINCT s) FROM new_rows n JOIN old_rows o ON o.id = n.id,
      unnest(ARRAY[n.study_id, o.study_id]) s
    WHERE (to_jsonb(n) - $1) IS DISTINCT FROM (to_jsonb(o) - $1)' INTO ids USING derived;
  ELSE
    SELECT array_agg(DISTINCT study_id) INTO ids
    FROM (SELECT study_id FROM new_rows UNION SELECT study_id FROM old_rows) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM results_generation_bump(ids);
  END IF;
  RETURN NULL;
END $$;
