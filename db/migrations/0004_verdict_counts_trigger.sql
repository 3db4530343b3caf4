-- Keep verdict_counts equal to the live judgments: one row per (comparison, kind), maintained on every write.
CREATE FUNCTION verdict_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE verdict_counts SET
      reference = reference - (OLD.verdict = 'reference')::int,
      tie = tie - (OLD.verdict = 'tie')::int,
      baseline = baseline - (OLD.verdict = 'baseline')::int
    WHERE comparison_id = OLD.comparison_id AND kind = OLD.kind;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO verdict_counts (comparison_id, kind, reference, tie, baseline)
    VALUES (NEW.comparison_id, NEW.kind, (NEW.verdict = 'reference')::int, (NEW.verdict = 'tie')::int, (NEW.verdict = 'baseline')::int)
    ON CONFLICT (comparison_id, kind) DO UPDATE SET
      reference = verdict_counts.reference + EXCLUDED.reference,
      tie = verdict_counts.tie + EXCLUDED.tie,
      baseline = verdict_counts.baseline + EXCLUDED.baseline;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER judgments_verdict_counts
AFTER INSERT OR DELETE OR UPDATE OF verdict, comparison_id, kind ON judgments
FOR EACH ROW EXECUTE FUNCTION verdict_counts_apply();
--> statement-breakpoint
INSERT INTO verdict_counts (comparison_id, kind, reference, tie, baseline)
SELECT comparison_id, kind, count(*) FILTER (WHERE verdict = 'reference'), count(*) FILTER (WHERE verdict = 'tie'),
  count(*) FILTER (WHERE verdict = 'baseline')
FROM judgments GROUP BY comparison_id, kind;
