-- 0009 — a revision number of the reference data (ADR 0005, docs/adr/0005-reference-data-cache-and-one-statement-intake.md).
-- Intake validates and routes every report against units, agencies, categories, routing rules and the
-- working calendar. Each server keeps them in memory and reloads them when this number has moved; any
-- change to those tables moves it, whoever makes it (an administrator, the seed, psql), in the same
-- transaction as the change.

CREATE TABLE reference_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL
);
INSERT INTO reference_revision (id, n) VALUES (true, 1);

CREATE FUNCTION bump_reference_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_revision SET n = n + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER structure_versions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON structure_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER units_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER agencies_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER agency_jurisdictions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_jurisdictions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER agency_fields_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_fields
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER report_categories_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER routing_rules_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER calendar_versions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
