ALTER TABLE "referrals"."referrals" ADD COLUMN "routing_suggested" text[];--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "routing_followed" boolean;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "routing_override_reason" text;