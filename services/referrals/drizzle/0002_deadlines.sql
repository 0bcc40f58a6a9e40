CREATE TABLE "referrals"."deadline_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient" text,
	"category" text,
	"acknowledge_days" integer NOT NULL,
	"decide_days" integer NOT NULL,
	"complete_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals"."deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"approaching_at" timestamp with time zone NOT NULL,
	"approaching_emitted_at" timestamp with time zone,
	"missed_emitted_at" timestamp with time zone,
	"met_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "referrals"."deadlines" ADD CONSTRAINT "deadlines_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "referrals"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_policies_scope" ON "referrals"."deadline_policies" USING btree (coalesce("recipient", '*'),coalesce("category", '*'));--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_referral_clock" ON "referrals"."deadlines" USING btree ("referral_id","clock");--> statement-breakpoint
CREATE INDEX "deadlines_open_due" ON "referrals"."deadlines" USING btree ("due_at") WHERE "referrals"."deadlines"."met_at" is null;