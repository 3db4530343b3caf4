CREATE TABLE "ended_sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "known_clients" (
	"user_id" uuid NOT NULL,
	"client" text NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_clients_user_id_client_pk" PRIMARY KEY("user_id","client")
);
--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "client" text;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "one_per_prompt" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "claim_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "claim_session" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "created_client" text;--> statement-breakpoint
ALTER TABLE "known_clients" ADD CONSTRAINT "known_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ended_sessions_expires_at_idx" ON "ended_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "login_failures_client_at_idx" ON "login_failures" USING btree ("client","at");--> statement-breakpoint
CREATE INDEX "login_failures_at_idx" ON "login_failures" USING btree ("at");--> statement-breakpoint
CREATE INDEX "users_created_client_idx" ON "users" USING btree ("created_client","created_at");