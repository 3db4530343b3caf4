-- New comparisons join the queue once per statement (a transition table) instead of once per row: an import of
-- 100,000 comparisons ran 100,000 trigger calls.
CREATE FUNCTION comparison_queue_add_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO comparison_queue (comparison_id, study_id) SELECT id, study_id FROM new_comparisons;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER comparisons_queue ON comparisons;
--> statement-breakpoint
DROP FUNCTION comparison_queue_add();
--> statement-breakpoint
CREATE TRIGGER comparisons_queue AFTER INSERT ON comparisons REFERENCING NEW TABLE AS new_comparisons
FOR EACH STATEMENT EXECUTE FUNCTION comparison_queue_add_all();
