-- Default clocks (business days), as data: change them with plain SQL, per recipient and category.
-- Any referral: acknowledge within 1, decide within 3, complete within 10 business days.
INSERT INTO "referrals"."deadline_policies" ("recipient", "category", "acknowledge_days", "decide_days", "complete_days") VALUES (NULL, NULL, 1, 3, 10);
--> statement-breakpoint
-- 犯行予告 (H03, crime announcements) and 自殺誘引 (H02): acknowledge the same business day.
INSERT INTO "referrals"."deadline_policies" ("recipient", "category", "acknowledge_days", "decide_days", "complete_days") VALUES (NULL, 'H03', 0, 1, 3), (NULL, 'H02', 0, 1, 3);
