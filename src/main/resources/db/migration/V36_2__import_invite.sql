-- CSV import of partners: "invite imported partners" (off by default) and how many were invited.
alter table import_job add column invite boolean not null default false;
alter table import_job add column invited integer not null default 0;
