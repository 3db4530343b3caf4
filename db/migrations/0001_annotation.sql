CREATE TYPE "public"."assignment_status" AS ENUM('active', 'done', 'skipped', 'flagged');--> statement-breakpoint
CREATE TYPE "public"."flag_reason" AS ENUM('broken', 'offensive', 'other');--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" integer NOT NULL,
	"comparison_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"reference_side" "side" NOT NULL,
	"status" "assignment_status" DEFAULT 'active' NOT NULL,
	"flag_reason" "flag_reason",
	"flag_note" text,
	"served_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"study_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"link_id" integer,
	"meta" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_study_id_user_id_pk" PRIMARY KEY("study_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"study_id" integer NOT NULL,
	"worker_param" text DEFAULT 'PROLIFIC_PID' NOT NULL,
	"study_param" text DEFAULT 'STUDY_ID' NOT NULL,
	"session_param" text DEFAULT 'SESSION_ID' NOT NULL,
	"completion_code" text NOT NULL,
	"redirect_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "study_links_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"request_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"judgment_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "quota" integer;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "lease_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "annotator_title" text DEFAULT 'Compare two responses' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pseudonym" text DEFAULT 'a-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 10) NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_link_id_study_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."study_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_links" ADD CONSTRAINT "study_links_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_judgment_id_judgments_id_fk" FOREIGN KEY ("judgment_id") REFERENCES "public"."judgments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_comparison_active_idx" ON "assignments" USING btree ("comparison_id","expires_at") WHERE "assignments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "assignments_user_study_idx" ON "assignments" USING btree ("user_id","study_id","seq");--> statement-breakpoint
CREATE INDEX "login_failures_email_at_idx" ON "login_failures" USING btree ("email","at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pseudonym_unique" UNIQUE("pseudonym");