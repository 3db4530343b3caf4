CREATE TYPE "public"."judgment_kind" AS ENUM('human', 'judge');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'researcher', 'annotator');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('left', 'right');--> statement-breakpoint
CREATE TYPE "public"."verdict" AS ENUM('reference', 'baseline', 'tie');--> statement-breakpoint
CREATE TABLE "comparisons" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"prompt_id" integer NOT NULL,
	"reference_response_id" integer NOT NULL,
	"baseline_response_id" integer NOT NULL,
	"baseline_model_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judgments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"comparison_id" integer NOT NULL,
	"user_id" uuid,
	"judge_name" text,
	"kind" "judgment_kind" NOT NULL,
	"verdict" "verdict" NOT NULL,
	"reference_side" "side",
	"rationale" text,
	"duration_ms" integer,
	"client_request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judgments_client_request_id_unique" UNIQUE("client_request_id"),
	CONSTRAINT "judgments_who" CHECK (("judgments"."kind" = 'human' and "judgments"."user_id" is not null and "judgments"."judge_name" is null) or ("judgments"."kind" = 'judge' and "judgments"."judge_name" is not null and "judgments"."user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "models_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "prompts" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"text" text,
	"messages" jsonb,
	"category" text,
	"source" text,
	CONSTRAINT "prompts_text_or_messages" CHECK ("prompts"."text" is not null or "prompts"."messages" is not null)
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"prompt_id" integer NOT NULL,
	"model_id" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"reference_model_id" integer NOT NULL,
	"guidelines" text DEFAULT '' NOT NULL,
	"overlap_k" integer DEFAULT 1 NOT NULL,
	"verdict_labels" jsonb DEFAULT '["A is significantly better","Neither is significantly better","B is significantly better"]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"name" text,
	"password_hash" text,
	"role" "role" DEFAULT 'annotator' NOT NULL,
	"external_id" text,
	"group" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_reference_response_id_responses_id_fk" FOREIGN KEY ("reference_response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_baseline_response_id_responses_id_fk" FOREIGN KEY ("baseline_response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_baseline_model_id_models_id_fk" FOREIGN KEY ("baseline_model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_reference_model_id_models_id_fk" FOREIGN KEY ("reference_model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comparisons_pair_idx" ON "comparisons" USING btree ("study_id","reference_response_id","baseline_response_id");--> statement-breakpoint
CREATE INDEX "comparisons_study_baseline_idx" ON "comparisons" USING btree ("study_id","baseline_model_id");--> statement-breakpoint
CREATE INDEX "comparisons_prompt_idx" ON "comparisons" USING btree ("prompt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judgments_user_comparison_idx" ON "judgments" USING btree ("comparison_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judgments_judge_comparison_idx" ON "judgments" USING btree ("comparison_id","judge_name");--> statement-breakpoint
CREATE INDEX "judgments_user_idx" ON "judgments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prompts_study_external_idx" ON "prompts" USING btree ("study_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_prompt_model_idx" ON "responses" USING btree ("prompt_id","model_id");