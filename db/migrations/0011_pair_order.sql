CREATE TYPE "public"."pair_order" AS ENUM('balanced', 'uncertain');--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "pair_order" "pair_order" DEFAULT 'balanced' NOT NULL;