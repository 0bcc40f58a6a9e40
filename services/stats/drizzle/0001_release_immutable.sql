-- A published release never changes: updates and deletes of releases (and of the record of which
-- months are released) are refused by the database itself, whatever the application does.
CREATE FUNCTION stats.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'statistics releases are immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON stats.releases FOR EACH ROW EXECUTE FUNCTION stats.refuse_change();
--> statement-breakpoint
CREATE TRIGGER released_months_immutable BEFORE UPDATE OR DELETE ON stats.released_months FOR EACH ROW EXECUTE FUNCTION stats.refuse_change();
--> statement-breakpoint
CREATE TRIGGER releases_no_truncate BEFORE TRUNCATE ON stats.releases FOR EACH STATEMENT EXECUTE FUNCTION stats.refuse_change();
