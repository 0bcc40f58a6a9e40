ALTER TABLE "referrals"."referrals" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals"."referrals" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
-- Referrals already stored: sent when they went from draft to requested, or at creation when they
-- were created requested; a draft (or a draft cancelled unsent) has never been sent.
UPDATE "referrals"."referrals" r SET "sent_at" = coalesce(
  (SELECT h."changed_at" FROM "referrals"."referral_status_history" h WHERE h."referral_id" = r."id" AND h."from_status" = 'draft' AND h."to_status" = 'requested'),
  CASE WHEN r."status" <> 'draft' AND NOT EXISTS (SELECT 1 FROM "referrals"."referral_status_history" h WHERE h."referral_id" = r."id" AND h."from_status" = 'draft') THEN r."created_at" END
);
--> statement-breakpoint
-- Drafts used to be announced: the recipient's inbox forgets every referral that was never sent
-- (one still a draft is announced again, as requested, when it is sent).
DELETE FROM "referrals"."received_referrals" rr USING "referrals"."referrals" r WHERE r."id" = rr."referral_id" AND r."sent_at" IS NULL;
