CREATE SCHEMA "web";
--> statement-breakpoint
CREATE TABLE "web"."preferences" (
	"token_id" uuid PRIMARY KEY NOT NULL,
	"lang" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "web"."sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"token_sealed" text NOT NULL,
	"token_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"role" text NOT NULL,
	"csrf" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sessions_token_idx" ON "web"."sessions" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "web"."sessions" USING btree ("expires_at");