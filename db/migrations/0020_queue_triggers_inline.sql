-- The queue's row triggers (migration 0006) update comparison_queue themselves, no longer through
-- comparison_queue_shift(), an SQL function: called from PL/pgSQL, an SQL function's body is parsed and planned
-- again in every transaction. Running it (the updates included) was 15% of Postgres's CPU on the labelling path,
-- where a submit shifts two queue rows and a lease one. A PL/pgSQL statement's plan is kept for the session.
CREATE OR REPLACE FUNCTION comparison_queue_from_judgments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'human' THEN
    UPDATE comparison_queue SET human_load = human_load - 1, queue_key = random() WHERE comparison_id = OLD.comparison_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'human' THEN
    UPDATE comparison_queue SET human_load = human_load + 1, queue_key = random() WHERE comparison_id = NEW.comparison_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION comparison_queue_from_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.comparison_id = NEW.comparison_id THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
    UPDATE comparison_queue SET human_load = human_load - 1, queue_key = random() WHERE comparison_id = OLD.comparison_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
    UPDATE comparison_queue SET human_load = human_load + 1, queue_key = random() WHERE comparison_id = NEW.comparison_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP FUNCTION comparison_queue_shift(integer, integer);
