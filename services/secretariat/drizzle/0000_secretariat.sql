CREATE SCHEMA "secretariat";
--> statement-breakpoint
CREATE TABLE "secretariat"."action_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"closed_at_meeting" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secretariat"."agenda_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenter" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_position" UNIQUE("meeting_id","position")
);
--> statement-breakpoint
CREATE TABLE "secretariat"."inbox" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "secretariat"."invitations" (
	"meeting_id" uuid NOT NULL,
	"body" text NOT NULL,
	"role" text NOT NULL,
	"attendance" text,
	CONSTRAINT "invitations_meeting_id_body_pk" PRIMARY KEY("meeting_id","body")
);
--> statement-breakpoint
CREATE TABLE "secretariat"."meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"held_on" date NOT NULL,
	"start_time" text,
	"place" text,
	"online_link" text,
	"review_from" text NOT NULL,
	"review_to" text NOT NULL,
	"minutes" text,
	"minutes_updated_at" timestamp with time zone,
	"minutes_approved_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_number_unique" UNIQUE("number"),
	CONSTRAINT "meetings_number_positive" CHECK ("secretariat"."meetings"."number" > 0),
	CONSTRAINT "meetings_review_order" CHECK ("secretariat"."meetings"."review_from" <= "secretariat"."meetings"."review_to"),
	CONSTRAINT "meetings_where" CHECK ("secretariat"."meetings"."place" is not null or "secretariat"."meetings"."online_link" is not null)
);
--> statement-breakpoint
CREATE TABLE "secretariat"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "secretariat"."report_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"period" text NOT NULL,
	"release_ids" uuid[] NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_meeting_version" UNIQUE("meeting_id","version"),
	CONSTRAINT "report_versions_status" CHECK ("secretariat"."report_versions"."status" in ('draft', 'approved')),
	CONSTRAINT "report_versions_approved" CHECK ("secretariat"."report_versions"."status" = 'draft' or ("secretariat"."report_versions"."approved_at" is not null and "secretariat"."report_versions"."content_hash" is not null and "secretariat"."report_versions"."approved_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "secretariat"."action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "secretariat"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretariat"."action_items" ADD CONSTRAINT "action_items_closed_at_meeting_meetings_id_fk" FOREIGN KEY ("closed_at_meeting") REFERENCES "secretariat"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretariat"."agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "secretariat"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretariat"."invitations" ADD CONSTRAINT "invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "secretariat"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretariat"."report_versions" ADD CONSTRAINT "report_versions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "secretariat"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_open" ON "secretariat"."action_items" USING btree ("meeting_id") WHERE "secretariat"."action_items"."closed_at_meeting" is null;--> statement-breakpoint
CREATE INDEX "action_items_owner" ON "secretariat"."action_items" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "invitations_body" ON "secretariat"."invitations" USING btree ("body");--> statement-breakpoint
CREATE INDEX "outbox_unpublished" ON "secretariat"."outbox" USING btree ("id") WHERE "secretariat"."outbox"."published_at" is null;