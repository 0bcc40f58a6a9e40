CREATE SCHEMA "intake";
--> statement-breakpoint
CREATE TABLE "intake"."cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"month" text NOT NULL,
	"category" text NOT NULL,
	"platform_type" text,
	"operator" text,
	"designated_platform" boolean DEFAULT false NOT NULL,
	"consulter" text NOT NULL,
	"victim_under_18" boolean NOT NULL,
	"requested_actions" text[] NOT NULL,
	"outcome" text,
	"url_hashes" text[] NOT NULL,
	"urls_enc" text,
	"summary_enc" text,
	"name_enc" text,
	"contact_enc" text,
	"school_enc" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "intake"."consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"given_by" text NOT NULL,
	"recipients" text[] NOT NULL,
	"purposes" text[] NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "intake"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "intake"."packages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"owner" text NOT NULL,
	"recipient" text NOT NULL,
	"purpose" text NOT NULL,
	"consent_id" uuid,
	"legal_ground" text,
	"legal_reason" text,
	"sealed" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	"purged_at" timestamp with time zone,
	"purge_reason" text
);
--> statement-breakpoint
ALTER TABLE "intake"."consents" ADD CONSTRAINT "consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "intake"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake"."packages" ADD CONSTRAINT "packages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "intake"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake"."packages" ADD CONSTRAINT "packages_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "intake"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_agency_created" ON "intake"."cases" USING btree ("agency","created_at");--> statement-breakpoint
CREATE INDEX "outbox_unpublished" ON "intake"."outbox" USING btree ("id") WHERE "intake"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "packages_consent" ON "intake"."packages" USING btree ("consent_id");--> statement-breakpoint
CREATE INDEX "packages_recipient" ON "intake"."packages" USING btree ("recipient");