ALTER TABLE "prompts" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "messages_html" jsonb;--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "render_version" integer;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "turns_html" jsonb;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "masked_html" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "masked_turns_html" jsonb;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "render_version" integer;