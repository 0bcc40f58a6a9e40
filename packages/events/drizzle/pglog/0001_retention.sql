ALTER TABLE "eventbus"."log" ADD COLUMN "dlq_group" text GENERATED ALWAYS AS (headers ->> 'liaison_dlq_group') STORED;--> statement-breakpoint
ALTER TABLE "eventbus"."partition_heads" ADD COLUMN "log_start" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "eventbus"."partition_heads" ADD COLUMN "bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "log_dlq_group" ON "eventbus"."log" USING btree ("topic","dlq_group") WHERE dlq_group is not null;