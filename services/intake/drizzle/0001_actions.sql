CREATE TABLE "intake"."case_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"action" text NOT NULL,
	"designated_platform" boolean NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"clock" text,
	"due_at" timestamp with time zone,
	"outcome" text,
	"extension_ground" text,
	"outcome_at" timestamp with time zone,
	"missed_emitted_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intake"."case_actions" ADD CONSTRAINT "case_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "intake"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_actions_open_due" ON "intake"."case_actions" USING btree ("due_at") WHERE "intake"."case_actions"."outcome_at" is null and "intake"."case_actions"."due_at" is not null;