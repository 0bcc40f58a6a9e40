CREATE TABLE "stats"."table_cells" (
	"table_id" text NOT NULL,
	"month" text NOT NULL,
	"b1" text NOT NULL,
	"b2" text NOT NULL,
	"r" text NOT NULL,
	"c" text NOT NULL,
	"d" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "table_cells_pk" PRIMARY KEY("table_id","month","b1","b2","r","c","d")
);
--> statement-breakpoint
CREATE TABLE "stats"."table_projections" (
	"table_id" text PRIMARY KEY NOT NULL,
	"definition" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "table_cells_b1" ON "stats"."table_cells" USING btree ("b1","table_id","month");--> statement-breakpoint
CREATE INDEX "table_cells_b2" ON "stats"."table_cells" USING btree ("b2","table_id","month");