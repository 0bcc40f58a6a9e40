ALTER TABLE "notifier"."deliveries" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "notifier"."outbox" ADD COLUMN "traceparent" text;