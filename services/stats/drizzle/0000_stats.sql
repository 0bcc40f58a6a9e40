CREATE SCHEMA "stats";
--> statement-breakpoint
CREATE TABLE "stats"."action_outcomes" (
	"fact_id" uuid PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"body" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"category" text NOT NULL,
	"designated" text NOT NULL,
	"operator" text NOT NULL,
	"within_clock" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."clock_misses" (
	"action_id" uuid PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"body" text NOT NULL,
	"action" text NOT NULL,
	"clock" text NOT NULL,
	"designated" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."consultations" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"platform_type" text NOT NULL,
	"designated" text NOT NULL,
	"operator" text NOT NULL,
	"consulter" text NOT NULL,
	"under18" text NOT NULL,
	"requested_actions" text[] NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."deadlines" (
	"referral_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"missed_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"counted_month" text,
	"counted_outcome" text,
	CONSTRAINT "deadlines_referral_id_clock_pk" PRIMARY KEY("referral_id","clock")
);
--> statement-breakpoint
CREATE TABLE "stats"."inbox" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "stats"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stats"."r_action_outcome" (
	"month" text NOT NULL,
	"body" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"category" text NOT NULL,
	"designated" text NOT NULL,
	"operator" text NOT NULL,
	"within_clock" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_action_outcome_pk" PRIMARY KEY("month","body","action","outcome","category","designated","operator","within_clock")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_clock_missed" (
	"month" text NOT NULL,
	"body" text NOT NULL,
	"action" text NOT NULL,
	"clock" text NOT NULL,
	"designated" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_clock_missed_pk" PRIMARY KEY("month","body","action","clock","designated")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_consultation" (
	"month" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"platform_type" text NOT NULL,
	"designated" text NOT NULL,
	"operator" text NOT NULL,
	"consulter" text NOT NULL,
	"under18" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_consultation_pk" PRIMARY KEY("month","body","category","platform_type","designated","operator","consulter","under18")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_deadline" (
	"month" text NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"clock" text NOT NULL,
	"outcome" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_deadline_pk" PRIMARY KEY("month","sender","recipient","clock","outcome")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_referral" (
	"month" text NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_referral_pk" PRIMARY KEY("month","sender","recipient","kind","category")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_referral_days" (
	"month" text NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"clock" text NOT NULL,
	"days" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_referral_days_pk" PRIMARY KEY("month","sender","recipient","clock","days")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_referral_final" (
	"month" text NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"final_status" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_referral_final_pk" PRIMARY KEY("month","sender","recipient","kind","category","final_status")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_requested_action" (
	"month" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"requested_action" text NOT NULL,
	"under18" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_requested_action_pk" PRIMARY KEY("month","body","category","requested_action","under18")
);
--> statement-breakpoint
CREATE TABLE "stats"."r_url_duplicate" (
	"month" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "r_url_duplicate_pk" PRIMARY KEY("month")
);
--> statement-breakpoint
CREATE TABLE "stats"."referrals" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"counted_month" text,
	"acknowledged_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"final_status" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."released_months" (
	"month" text PRIMARY KEY NOT NULL,
	"release_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."releases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"grain" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" text,
	"tables" jsonb NOT NULL,
	"manifest" jsonb NOT NULL,
	"protection" jsonb NOT NULL,
	CONSTRAINT "releases_period_unique" UNIQUE("period")
);
--> statement-breakpoint
CREATE TABLE "stats"."url_duplicates" (
	"hash" text PRIMARY KEY NOT NULL,
	"counted_month" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats"."url_sightings" (
	"hash" text NOT NULL,
	"body" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "url_sightings_hash_body_pk" PRIMARY KEY("hash","body")
);
--> statement-breakpoint
CREATE INDEX "action_outcomes_body_month" ON "stats"."action_outcomes" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "consultations_body_month" ON "stats"."consultations" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "outbox_unpublished" ON "stats"."outbox" USING btree ("id") WHERE "stats"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "r_action_outcome_body_month" ON "stats"."r_action_outcome" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "r_clock_missed_body_month" ON "stats"."r_clock_missed" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "r_consultation_body_month" ON "stats"."r_consultation" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "r_deadline_sender_month" ON "stats"."r_deadline" USING btree ("sender","month");--> statement-breakpoint
CREATE INDEX "r_deadline_recipient_month" ON "stats"."r_deadline" USING btree ("recipient","month");--> statement-breakpoint
CREATE INDEX "r_referral_sender_month" ON "stats"."r_referral" USING btree ("sender","month");--> statement-breakpoint
CREATE INDEX "r_referral_recipient_month" ON "stats"."r_referral" USING btree ("recipient","month");--> statement-breakpoint
CREATE INDEX "r_referral_days_sender_month" ON "stats"."r_referral_days" USING btree ("sender","month");--> statement-breakpoint
CREATE INDEX "r_referral_days_recipient_month" ON "stats"."r_referral_days" USING btree ("recipient","month");--> statement-breakpoint
CREATE INDEX "r_referral_final_sender_month" ON "stats"."r_referral_final" USING btree ("sender","month");--> statement-breakpoint
CREATE INDEX "r_referral_final_recipient_month" ON "stats"."r_referral_final" USING btree ("recipient","month");--> statement-breakpoint
CREATE INDEX "r_requested_action_body_month" ON "stats"."r_requested_action" USING btree ("body","month");--> statement-breakpoint
CREATE INDEX "releases_fiscal_year" ON "stats"."releases" USING btree ("fiscal_year","built_at");