-- Keep comparison_queue equal to its definition on every write: one row per comparison; human_load = live human
-- judgments + active leases (expired ones count until released). The random key is re-drawn whenever the load
-- changes, so each load level is served in a fresh random order.
CREATE FUNCTION comparison_queue_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO comparison_queue (comparison_id, study_id) VALUES (NEW.id, NEW.study_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER comparisons_queue AFTER INSERT ON comparisons FOR EACH ROW EXECUTE FUNCTION comparison_queue_add();
--> statement-breakpoint
CREATE FUNCTION comparison_queue_shift(comparison integer, delta integer) RETURNS void LANGUAGE sql AS $$
  UPDATE comparison_queue SET human_load = human_load + delta, queue_key = random() WHERE comparison_id = comparison;
$$;
--> statement-breakpoint
CREATE FUNCTION comparison_queue_from_judgments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'human' THEN PERFORM comparison_queue_shift(OLD.comparison_id, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'human' THEN PERFORM comparison_queue_shift(NEW.comparison_id, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER judgments_queue AFTER INSERT OR DELETE OR UPDATE OF kind, comparison_id ON judgments
FOR EACH ROW EXECUTE FUNCTION comparison_queue_from_judgments();
--> statement-breakpoint
CREATE FUNCTION comparison_queue_from_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.comparison_id = NEW.comparison_id THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN PERFORM comparison_queue_shift(OLD.comparison_id, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN PERFORM comparison_queue_shift(NEW.comparison_id, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assignments_queue AFTER INSERT OR DELETE OR UPDATE OF status, comparison_id ON assignments
FOR EACH ROW EXECUTE FUNCTION comparison_queue_from_assignments();
--> statement-breakpoint
INSERT INTO comparison_queue (comparison_id, study_id, human_load)
SELECT c.id, c.study_id,
  (SELECT count(*) FROM judgments j WHERE j.comparison_id = c.id AND j.kind = 'human')
  + (SELECT count(*) FROM assignments a WHERE a.comparison_id = c.id AND a.status = 'active')
FROM comparisons c;
