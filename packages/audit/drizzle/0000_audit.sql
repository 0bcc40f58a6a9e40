CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"agency" text NOT NULL,
	"actor" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"chain_pos" bigint,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "entries_chain_pos_unique" UNIQUE("chain_pos")
);
--> statement-breakpoint
CREATE TABLE "audit"."head" (
	"name" text PRIMARY KEY NOT NULL,
	"chain_pos" bigint NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entries_unsealed" ON "audit"."entries" USING btree ("id") WHERE "audit"."entries"."chain_pos" is null;--> statement-breakpoint
CREATE INDEX "entries_subject" ON "audit"."entries" USING btree ("subject_type","subject_id");