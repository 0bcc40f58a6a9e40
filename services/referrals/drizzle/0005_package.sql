ALTER TABLE "referrals"."received_referrals" ADD COLUMN "package_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "package_id" uuid;