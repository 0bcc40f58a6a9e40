ALTER TABLE "intake"."packages" ADD COLUMN "format" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake"."packages" ADD COLUMN "key_id" text;--> statement-breakpoint
-- Packages stored before keys had ids were sealed to the registry's single key, now key "legacy".
UPDATE "intake"."packages" SET "key_id" = 'legacy' WHERE "format" = 1;
