package dev.partnerhub.broadcasts.domain;

import java.util.List;

import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends an announcement, {@value #CHUNK} recipients per chunk (job kind {@value #KIND}).
 * Each chunk queues the recipients' e-mails in the outbox and marks them, in the chunk's
 * transaction with the job's cursor: a chunk cut short by a crash rolls back and runs
 * again from the same cursor; a recipient already marked is passed over, and the outbox
 * dedupe key {@code broadcast:<id>:<partner>} refuses a second e-mail even if the marks
 * were lost. Exactly one e-mail per recipient is queued, whatever runs again.
 */
@Component
class BroadcastSender implements JobHandler {

	static final String KIND = "broadcasts.send";

	static final int CHUNK = 100;

	private final JdbcClient jdbc;

	private final MailApi mail;

	BroadcastSender(JdbcClient jdbc, MailApi mail) {
		this.jdbc = jdbc;
		this.mail = mail;
	}

	static String dedupeKey(long broadcastId, long partnerId) {
		return "broadcast:" + broadcastId + ":" + partnerId;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public JobChunk runChunk(Job job, String cursor) {
		Broadcast broadcast = this.jdbc.sql("select * from broadcast where job_id = :job")
			.param("job", job.id())
			.query(BroadcastService::map)
			.optional()
			.orElse(null);
		if (broadcast == null) {
			return JobChunk.cancelled();
		}
		long after = cursor == null ? 0 : Long.parseLong(cursor);
		List<Row> rows = this.jdbc.sql("""
				select id, partner_id, email, status from broadcast_recipient
				where broadcast_id = :broadcast and id > :after order by id limit :n
				""")
			.param("broadcast", broadcast.id())
			.param("after", after)
			.param("n", CHUNK)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("email"),
					rs.getString("status")))
			.list();
		if (rows.isEmpty()) {
			this.jdbc.sql("update broadcast set status = 'done' where id = :id and status = 'sending'")
				.param("id", broadcast.id())
				.update();
			return JobChunk.finished(cursor, 0);
		}
		for (Row row : rows) {
			if (!"pending".equals(row.status())) {
				continue; // done before a crash
			}
			String key = dedupeKey(broadcast.id(), row.partnerId());
			boolean queued = this.mail.subscribed(row.partnerId(), MailCategory.ANNOUNCEMENTS)
					&& (this.mail.queueWritten(row.email(), row.partnerId(), broadcast.subject(), broadcast.body(),
							MailCategory.ANNOUNCEMENTS, key) || !this.mail.statusByDedupeKey(List.of(key)).isEmpty());
			this.jdbc.sql("update broadcast_recipient set status = :status where id = :id")
				.param("status", queued ? "queued" : "skipped")
				.param("id", row.id())
				.update();
		}
		return JobChunk.next(Long.toString(rows.get(rows.size() - 1).id()), rows.size());
	}

	private record Row(long id, long partnerId, String email, String status) {
	}

}
