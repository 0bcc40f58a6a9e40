-- An approved version of a meeting report is frozen: the database refuses to change or delete it,
-- whatever the application does. Drafts may change until approved (the approval itself is the
-- update that turns a draft into an approved version).
CREATE FUNCTION secretariat.refuse_approved_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    RAISE EXCEPTION 'meeting report versions cannot be truncated' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'an approved meeting report version is frozen (% on version % of meeting %)', TG_OP, OLD.version, OLD.meeting_id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_versions_frozen BEFORE UPDATE OR DELETE ON secretariat.report_versions FOR EACH ROW EXECUTE FUNCTION secretariat.refuse_approved_report_change();
--> statement-breakpoint
CREATE TRIGGER report_versions_no_truncate BEFORE TRUNCATE ON secretariat.report_versions FOR EACH STATEMENT EXECUTE FUNCTION secretariat.refuse_approved_report_change();
