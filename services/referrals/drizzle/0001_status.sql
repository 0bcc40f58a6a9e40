CREATE TABLE "referrals"."referral_status_history" (
	"referral_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"business_status" text,
	"status_reason" text,
	"changed_by" text NOT NULL,
	"changed_by_token" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_status_history_referral_id_version_pk" PRIMARY KEY("referral_id","version")
);
--> statement-breakpoint
ALTER TABLE "referrals"."received_referrals" ADD COLUMN "business_status" text;--> statement-breakpoint
ALTER TABLE "referrals"."received_referrals" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "business_status" text;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals"."referral_status_history" ADD CONSTRAINT "referral_status_history_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "referrals"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_recipient_status" ON "referrals"."referrals" USING btree ("recipient","status");