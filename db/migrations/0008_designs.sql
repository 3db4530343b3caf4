CREATE TYPE "public"."study_design" AS ENUM('reference', 'all_pairs');--> statement-breakpoint
ALTER TABLE "studies" ALTER COLUMN "reference_model_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "design" "study_design" DEFAULT 'reference' NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_reference_by_design" CHECK (("studies"."design" = 'reference') = ("studies"."reference_model_id" is not null));