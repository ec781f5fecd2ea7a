CREATE TABLE "change_devices" (
	"change_id" bigint NOT NULL,
	"device" text NOT NULL,
	"seq" integer NOT NULL,
	"wave" integer NOT NULL,
	"status" text NOT NULL,
	"snapshot" text,
	"snapshot_hash" text,
	"applied_hash" text,
	"save_started" boolean DEFAULT false NOT NULL,
	"saved" boolean DEFAULT false NOT NULL,
	"error" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_devices_change_id_device_pk" PRIMARY KEY("change_id","device")
);
--> statement-breakpoint
CREATE TABLE "change_plan_devices" (
	"plan_id" bigint NOT NULL,
	"device" text NOT NULL,
	"seq" integer NOT NULL,
	"wave" integer NOT NULL,
	"platform" text NOT NULL,
	"layer" text NOT NULL,
	"zone" text,
	"managed" text NOT NULL,
	"target" jsonb NOT NULL,
	"status" text NOT NULL,
	"running_hash" text,
	"running" text,
	"intended" text,
	"commands" jsonb NOT NULL,
	"rollback" jsonb NOT NULL,
	"unified_diff" text DEFAULT '' NOT NULL,
	"unmanaged" jsonb NOT NULL,
	"checks" jsonb NOT NULL,
	"error" jsonb,
	CONSTRAINT "change_plan_devices_plan_id_device_pk" PRIMARY KEY("plan_id","device")
);
--> statement-breakpoint
CREATE TABLE "change_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"kind" text NOT NULL,
	"network" text NOT NULL,
	"topology_revision_id" bigint,
	"topology_hash" text,
	"topology_source" text,
	"selector" text NOT NULL,
	"validation" jsonb NOT NULL,
	"source_change_id" bigint,
	"summary" jsonb NOT NULL,
	"order" jsonb
);
--> statement-breakpoint
CREATE TABLE "change_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"change_id" bigint NOT NULL,
	"device" text,
	"phase" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"commands" jsonb,
	"answers" jsonb,
	"detail" jsonb,
	"error" jsonb
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"playbook_run_id" bigint,
	"status" text NOT NULL,
	"actor" text NOT NULL,
	"message" text NOT NULL,
	"request_id" text,
	"options" jsonb NOT NULL,
	"owner" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"confirm_deadline" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" text,
	"error" jsonb
);
--> statement-breakpoint
CREATE TABLE "device_locks" (
	"device" text PRIMARY KEY NOT NULL,
	"change_id" bigint NOT NULL,
	"owner" text NOT NULL,
	"reason" text NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "playbook_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"playbook" text NOT NULL,
	"variables" jsonb NOT NULL,
	"dry_run" boolean NOT NULL,
	"actor" text NOT NULL,
	"message" text NOT NULL,
	"status" text NOT NULL,
	"steps" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" jsonb
);
--> statement-breakpoint
ALTER TABLE "change_devices" ADD CONSTRAINT "change_devices_change_id_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_plan_devices" ADD CONSTRAINT "change_plan_devices_plan_id_change_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."change_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_steps" ADD CONSTRAINT "change_steps_change_id_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_plan_id_change_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."change_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_plans_created_at_idx" ON "change_plans" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "change_steps_change_idx" ON "change_steps" USING btree ("change_id","id");--> statement-breakpoint
CREATE INDEX "changes_status_idx" ON "changes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "changes_plan_idx" ON "changes" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "playbook_runs_started_at_idx" ON "playbook_runs" USING btree ("started_at");