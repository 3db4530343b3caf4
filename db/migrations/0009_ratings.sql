ALTER TYPE "public"."study_design" ADD VALUE 'rating';--> statement-breakpoint
ALTER TABLE "judgments" ALTER COLUMN "verdict" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "judgments" ADD COLUMN "ratings" smallint[];--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "turns" jsonb;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "scale" jsonb;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_verdict_or_ratings" CHECK (("judgments"."verdict" is null) <> ("judgments"."ratings" is null));--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_scale_by_design" CHECK (("studies"."design"::text = 'rating') = ("studies"."scale" is not null));--> statement-breakpoint
-- A rating has no verdict: it leaves verdict_counts as it is.
CREATE OR REPLACE FUNCTION verdict_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.verdict IS NOT NULL THEN
    UPDATE verdict_counts SET
      reference = reference - (OLD.verdict = 'reference')::int,
      tie = tie - (OLD.verdict = 'tie')::int,
      baseline = baseline - (OLD.verdict = 'baseline')::int
    WHERE comparison_id = OLD.comparison_id AND kind = OLD.kind;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.verdict IS NOT NULL THEN
    INSERT INTO verdict_counts (comparison_id, kind, reference, tie, baseline)
    VALUES (NEW.comparison_id, NEW.kind, (NEW.verdict = 'reference')::int, (NEW.verdict = 'tie')::int, (NEW.verdict = 'baseline')::int)
    ON CONFLICT (comparison_id, kind) DO UPDATE SET
      reference = verdict_counts.reference + EXCLUDED.reference,
      tie = verdict_counts.tie + EXCLUDED.tie,
      baseline = verdict_counts.baseline + EXCLUDED.baseline;
  END IF;
  RETURN NULL;
END $$;