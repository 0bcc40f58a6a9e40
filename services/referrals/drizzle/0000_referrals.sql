CREATE SCHEMA "referrals";
--> statement-breakpoint
CREATE TABLE "referrals"."inbox" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "referrals"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referrals"."received_referrals" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"sender" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"urgent" boolean NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"apply_count" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals"."referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_unpublished" ON "referrals"."outbox" USING btree ("id") WHERE "referrals"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "received_referrals_recipient" ON "referrals"."received_referrals" USING btree ("recipient","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_sender_created" ON "referrals"."referrals" USING btree ("sender","created_at");