-- mail publishes (docs/architecture.md, "Table ownership"): mail_outbox, the messages waiting to be sent (ops counts them for its backlog gauge).
create view mail_outbox as
select id, created_at
from mail_message
where status = 'queued';
