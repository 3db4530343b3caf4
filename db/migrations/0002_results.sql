CREATE TABLE "published_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"baseline" text NOT NULL,
	"kind" "judgment_kind" DEFAULT 'human' NOT NULL,
	"reference_wins" double precision NOT NULL,
	"ties" double precision NOT NULL,
	"baseline_wins" double precision NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "judgments_judge_comparison_idx";--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "published_results_study_baseline_kind_idx" ON "published_results" USING btree ("study_id","baseline","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "judgments_judge_comparison_side_idx" ON "judgments" USING btree ("comparison_id","judge_name","reference_side");