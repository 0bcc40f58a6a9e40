CREATE SCHEMA "eventbus";
--> statement-breakpoint
CREATE TABLE "eventbus"."group_members" (
	"group" text NOT NULL,
	"member_id" text NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_members_group_member_id_pk" PRIMARY KEY("group","member_id")
);
--> statement-breakpoint
CREATE TABLE "eventbus"."group_offsets" (
	"group" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"committed" bigint NOT NULL,
	CONSTRAINT "group_offsets_group_topic_partition_pk" PRIMARY KEY("group","topic","partition")
);
--> statement-breakpoint
CREATE TABLE "eventbus"."log" (
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"key" text,
	"headers" jsonb NOT NULL,
	"value" "bytea" NOT NULL,
	"appended_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_topic_partition_offset_pk" PRIMARY KEY("topic","partition","offset")
);
--> statement-breakpoint
CREATE TABLE "eventbus"."partition_heads" (
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"next_offset" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "partition_heads_topic_partition_pk" PRIMARY KEY("topic","partition")
);
--> statement-breakpoint
CREATE TABLE "eventbus"."topics" (
	"name" text PRIMARY KEY NOT NULL,
	"partitions" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "group_members_heartbeat" ON "eventbus"."group_members" USING btree ("group","heartbeat_at");