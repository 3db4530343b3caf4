CREATE TYPE "public"."judge_request_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."judge_run_status" AS ENUM('queued', 'running', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "judge_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"comparison_id" integer NOT NULL,
	"side" "side",
	"turn" smallint,
	"status" "judge_request_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"answer" text,
	"error" text,
	"prompt_tokens" bigint,
	"completion_tokens" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_requests_unit" UNIQUE NULLS NOT DISTINCT("run_id","comparison_id","side","turn")
);
--> statement-breakpoint
CREATE TABLE "judge_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"judge_name" text NOT NULL,
	"orders" text NOT NULL,
	"concurrency" integer NOT NULL,
	"temperature" double precision NOT NULL,
	"timeout_ms" integer NOT NULL,
	"price_prompt_per_m" double precision,
	"price_completion_per_m" double precision,
	"status" "judge_run_status" DEFAULT 'queued' NOT NULL,
	"claimed_by" text,
	"heartbeat_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"name" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"base_url" text NOT NULL,
	"template" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "judge_requests" ADD CONSTRAINT "judge_requests_run_id_judge_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."judge_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_requests" ADD CONSTRAINT "judge_requests_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_judge_name_judges_name_fk" FOREIGN KEY ("judge_name") REFERENCES "public"."judges"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "judge_requests_pending_idx" ON "judge_requests" USING btree ("run_id","status","id");--> statement-breakpoint
CREATE INDEX "judge_runs_status_idx" ON "judge_runs" USING btree ("status","heartbeat_at");