-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.1.1, schema v2 for PostgreSQL, copied
-- from the jar's org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql; Modulith's own schema
-- initialisation stays off). One row per event and registry-backed listener (@ApplicationModuleListener), written in
-- the publishing transaction and completed when the listener returns: what a crash interrupts is resubmitted
-- (docs/architecture.md, "Events"). Completion mode UPDATE: no archive table.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);
