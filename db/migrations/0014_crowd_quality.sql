CREATE TYPE "public"."check_kind" AS ENUM('gold', 'attention');--> statement-breakpoint
CREATE TYPE "public"."leak_policy" AS ENUM('serve', 'mask', 'hold_out');--> statement-breakpoint
CREATE TYPE "public"."assignment_purpose" AS ENUM('item', 'repeat', 'practice');--> statement-breakpoint
CREATE TYPE "public"."quality_status" AS ENUM('active', 'warned', 'stopped');--> statement-breakpoint
ALTER TABLE "comparisons" ADD COLUMN "check_kind" "check_kind";--> statement-breakpoint
ALTER TABLE "comparisons" ADD COLUMN "expected_verdict" "verdict";--> statement-breakpoint
ALTER TABLE "comparisons" ADD COLUMN "expected_rating" smallint;--> statement-breakpoint
ALTER TABLE "comparisons" ADD COLUMN "check_explanation" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "leak_words" text[];--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "rationale_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "check_rate" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "qc_min_checks" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "qc_min_accuracy" real DEFAULT 0.7 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "qc_min_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "qc_max_fast_share" real DEFAULT 0.3 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "repeat_rate" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "practice_items" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "stopped_gets_code" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "leak_policy" "leak_policy" DEFAULT 'serve' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "purpose" "assignment_purpose" DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "repeat_of" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "answer" "verdict";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "answer_rating" smallint;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "quality_status" "quality_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "quality_reason" text;