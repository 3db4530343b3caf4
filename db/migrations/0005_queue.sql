ALTER TYPE "public"."assignment_status" ADD VALUE 'expired';--> statement-breakpoint
CREATE TABLE "comparison_queue" (
	"comparison_id" integer PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"human_load" integer DEFAULT 0 NOT NULL,
	"queue_key" double precision DEFAULT random() NOT NULL
);
--> statement-breakpoint
DROP INDEX "assignments_comparison_active_idx";--> statement-breakpoint
DROP INDEX "assignments_user_study_idx";--> statement-breakpoint
ALTER TABLE "comparison_queue" ADD CONSTRAINT "comparison_queue_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_queue" ADD CONSTRAINT "comparison_queue_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparison_queue_pick_idx" ON "comparison_queue" USING btree ("study_id","human_load","queue_key");--> statement-breakpoint
CREATE INDEX "assignments_comparison_user_idx" ON "assignments" USING btree ("comparison_id","user_id");--> statement-breakpoint
CREATE INDEX "assignments_active_idx" ON "assignments" USING btree ("study_id","user_id","expires_at") WHERE "assignments"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_user_study_idx" ON "assignments" USING btree ("user_id","study_id","seq");