CREATE TABLE "verdict_counts" (
	"comparison_id" integer NOT NULL,
	"kind" "judgment_kind" NOT NULL,
	"reference" integer DEFAULT 0 NOT NULL,
	"tie" integer DEFAULT 0 NOT NULL,
	"baseline" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "verdict_counts_comparison_id_kind_pk" PRIMARY KEY("comparison_id","kind")
);
--> statement-breakpoint
ALTER TABLE "verdict_counts" ADD CONSTRAINT "verdict_counts_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;