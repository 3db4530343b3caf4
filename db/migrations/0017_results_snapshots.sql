CREATE TABLE "results_snapshots" (
	"study_id" integer NOT NULL,
	"filters_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"payload" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "results_snapshots_study_id_filters_key_pk" PRIMARY KEY("study_id","filters_key")
);
--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "results_generation" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "verdict_counts" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "results_snapshots" ADD CONSTRAINT "results_snapshots_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The results snapshot's key, part 1: every write of a judgment (a rating too, which counts nothing) draws a new
-- version for its comparison's counts row. The row is written by the verdict trigger anyway, so the hot path takes
-- no new lock; a study's sum of versions only grows while its judgments change, whatever order writers commit in.
CREATE SEQUENCE verdict_counts_version;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verdict_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE verdict_counts SET
      reference = reference - coalesce((OLD.verdict = 'reference')::int, 0),
      tie = tie - coalesce((OLD.verdict = 'tie')::int, 0),
      baseline = baseline - coalesce((OLD.verdict = 'baseline')::int, 0),
      version = nextval('verdict_counts_version')
    WHERE comparison_id = OLD.comparison_id AND kind = OLD.kind;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO verdict_counts (comparison_id, kind, reference, tie, baseline, version)
    VALUES (NEW.comparison_id, NEW.kind, coalesce((NEW.verdict = 'reference')::int, 0),
      coalesce((NEW.verdict = 'tie')::int, 0), coalesce((NEW.verdict = 'baseline')::int, 0),
      nextval('verdict_counts_version'))
    ON CONFLICT (comparison_id, kind) DO UPDATE SET
      reference = verdict_counts.reference + EXCLUDED.reference,
      tie = verdict_counts.tie + EXCLUDED.tie,
      baseline = verdict_counts.baseline + EXCLUDED.baseline,
      version = EXCLUDED.version;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Any column now (a revised rationale or duration shows in the annotators' table), not only the verdict's.
DROP TRIGGER judgments_verdict_counts ON judgments;
--> statement-breakpoint
CREATE TRIGGER judgments_verdict_counts AFTER INSERT OR DELETE OR UPDATE ON judgments
FOR EACH ROW EXECUTE FUNCTION verdict_counts_apply();
--> statement-breakpoint
-- Ratings stored before this migration get their counts row (zero counts), so their versions count too.
INSERT INTO verdict_counts (comparison_id, kind, reference, tie, baseline)
SELECT DISTINCT comparison_id, kind, 0, 0, 0 FROM judgments WHERE verdict IS NULL
ON CONFLICT (comparison_id, kind) DO NOTHING;
--> statement-breakpoint
-- Part 2: everything else the results read raises the study's results_generation, once per statement. Rendering
-- writes only derived columns, which are left out of the comparison so a render pass changes no generation.
CREATE FUNCTION results_generation_bump(study_ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE studies SET results_generation = results_generation + 1 WHERE id = ANY(study_ids);
$$;
--> statement-breakpoint
CREATE FUNCTION results_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
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
      SELECT array_agg(DISTINCT p.study_id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN prompts p ON p.id IN (n.prompt_id, o.prompt_id)
      WHERE (to_jsonb(n) - derived) IS DISTINCT FROM (to_jsonb(o) - derived);
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT study_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT study_id) INTO ids FROM old_rows;
  ELSIF TG_ARGV[0] = 'prompts' THEN
    SELECT array_agg(DISTINCT s) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id,
      unnest(ARRAY[n.study_id, o.study_id]) s
    WHERE (to_jsonb(n) - derived) IS DISTINCT FROM (to_jsonb(o) - derived);
  ELSE
    SELECT array_agg(DISTINCT study_id) INTO ids
    FROM (SELECT study_id FROM new_rows UNION SELECT study_id FROM old_rows) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM results_generation_bump(ids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER comparisons_results_insert AFTER INSERT ON comparisons REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER comparisons_results_delete AFTER DELETE ON comparisons REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER comparisons_results_update AFTER UPDATE ON comparisons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER prompts_results_insert AFTER INSERT ON prompts REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('prompts');
--> statement-breakpoint
CREATE TRIGGER prompts_results_delete AFTER DELETE ON prompts REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('prompts');
--> statement-breakpoint
CREATE TRIGGER prompts_results_update AFTER UPDATE ON prompts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('prompts');
--> statement-breakpoint
CREATE TRIGGER responses_results_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('responses');
--> statement-breakpoint
CREATE TRIGGER responses_results_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('responses');
--> statement-breakpoint
CREATE TRIGGER responses_results_update AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('responses');
--> statement-breakpoint
CREATE TRIGGER annotator_exclusions_results_insert AFTER INSERT ON annotator_exclusions REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER annotator_exclusions_results_delete AFTER DELETE ON annotator_exclusions REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER annotator_exclusions_results_update AFTER UPDATE ON annotator_exclusions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER published_results_results_insert AFTER INSERT ON published_results REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER published_results_results_delete AFTER DELETE ON published_results REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
CREATE TRIGGER published_results_results_update AFTER UPDATE ON published_results REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_rows('any');
--> statement-breakpoint
-- Renaming a model or changing how an annotator is keyed or grouped reaches every study (rare, by an admin).
CREATE FUNCTION results_changed_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE studies SET results_generation = results_generation + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER models_results AFTER UPDATE OF name ON models
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_everywhere();
--> statement-breakpoint
CREATE TRIGGER users_results AFTER UPDATE OF email, external_id, pseudonym, "group", name ON users
FOR EACH STATEMENT EXECUTE FUNCTION results_changed_everywhere();
--> statement-breakpoint
-- The study's own settings (title, reference, scale, ...): any change but the generation's own raises it.
CREATE FUNCTION studies_results_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.results_generation = OLD.results_generation
    AND (to_jsonb(NEW) - 'results_generation') IS DISTINCT FROM (to_jsonb(OLD) - 'results_generation') THEN
    NEW.results_generation := OLD.results_generation + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER studies_results BEFORE UPDATE ON studies
FOR EACH ROW EXECUTE FUNCTION studies_results_changed();
