CREATE TABLE "auth"."body_keys" (
	"agency" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"revoked_by" uuid,
	CONSTRAINT "body_keys_agency_key_id_pk" PRIMARY KEY("agency","key_id"),
	CONSTRAINT "body_keys_public_key" UNIQUE("public_key")
);
--> statement-breakpoint
ALTER TABLE "auth"."body_keys" ADD CONSTRAINT "body_keys_agency_agencies_code_fk" FOREIGN KEY ("agency") REFERENCES "auth"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The registry's single key becomes key "legacy" of its body, valid one more year: the format-1
-- packages sealed to it (intake marks them key "legacy") stay fetchable until then.
INSERT INTO "auth"."body_keys" ("agency", "key_id", "public_key", "not_before", "expires_at")
SELECT "code", 'legacy', "public_key", "created_at", now() + interval '365 days' FROM "auth"."agencies" WHERE "public_key" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "auth"."agencies" DROP COLUMN "public_key";