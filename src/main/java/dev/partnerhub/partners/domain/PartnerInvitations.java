package dev.partnerhub.partners.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi.InviteOutcome;
import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invite or re-send the invitation to many partners (the selected rows, or everyone the
 * partner list's filter matches) as a background job of kind {@value #KIND}, with
 * progress like bulk approve. The partner ids are fixed when the job is submitted; the
 * cursor is how many of them are done. A chunk (its e-mails queued in the outbox, the
 * counters, the job's cursor) is one transaction that counts exactly once, so nobody gets
 * two e-mails from one job, also when a worker dies and the job resumes. Partners who are
 * not approved, or have set a password, are skipped.
 */
@Service
public class PartnerInvitations implements JobHandler {

	static final String KIND = "partners.invite";

	static final int CHUNK = 100;

	public static final int MAX_PARTNERS = 100_000;

	/** What the job page shows. */
	public record InviteJob(Job job, String scope, long sent, long skipped) {
	}

	private final JdbcClient jdbc;

	private final JobApi jobs;

	private final PartnerService partners;

	private final PartnerDirectory directory;

	PartnerInvitations(JdbcClient jdbc, JobApi jobs, PartnerService partners, PartnerDirectory directory) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.partners = partners;
		this.directory = directory;
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** Queues a job over the selected partners; returns its id. */
	@Transactional
	public long submitIds(List<Long> ids, String actor) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("ids", "Select at least one partner, or choose all matching the filter.");
		}
		List<Long> distinct = ids.stream().distinct().toList();
		return submit(distinct, distinct.size() == 1 ? "1 selected partner" : distinct.size() + " selected partners",
				actor);
	}

	/** Queues a job over every partner the filter matches now; returns its id. */
	@Transactional
	public long submitFilter(PartnerFilter filter, String words, String actor) {
		List<Long> ids = new ArrayList<>();
		this.directory.forEach(filter, PartnerDirectory.DEFAULT_SORT, row -> ids.add(row.id()));
		if (ids.isEmpty()) {
			throw new InvalidInputException("ids", "No partner matches the filter.");
		}
		return submit(ids, "all partners matching " + words, actor);
	}

	private long submit(List<Long> ids, String scope, String actor) {
		if (ids.size() > MAX_PARTNERS) {
			throw new InvalidInputException("ids",
					"At most " + MAX_PARTNERS + " partners per job; narrow the filter and run it in parts.");
		}
		long id = this.jobs.submit(KIND, ids.size(), actor);
		this.jdbc.sql(
				"insert into partner_invite_job (job_id, scope, partner_ids) values (:id, :scope, string_to_array(:ids, ',')::bigint[])")
			.param("id", id)
			.param("scope", scope.length() > 500 ? scope.substring(0, 497) + "..." : scope)
			.param("ids", String.join(",", ids.stream().map(String::valueOf).toList()))
			.update();
		return id;
	}

	@Transactional(readOnly = true)
	public Optional<InviteJob> find(long id) {
		return this.jobs.find(id)
			.filter(job -> KIND.equals(job.kind()))
			.flatMap(job -> this.jdbc.sql("select scope, sent, skipped from partner_invite_job where job_id = :id")
				.param("id", id)
				.query((rs, n) -> new InviteJob(job, rs.getString("scope"), rs.getLong("sent"), rs.getLong("skipped")))
				.optional());
	}

	@Override
	public JobChunk runChunk(Job job, String cursor) {
		int from = cursor == null ? 0 : Integer.parseInt(cursor);
		// postgres arrays count from 1
		List<Long> ids = this.jdbc
			.sql("select unnest(partner_ids[:from : :to]) from partner_invite_job where job_id = :id")
			.param("from", from + 1)
			.param("to", from + CHUNK)
			.param("id", job.id())
			.query(Long.class)
			.list();
		int sent = 0;
		for (Long partnerId : ids) {
			if (invite(partnerId)) {
				sent++;
			}
		}
		this.jdbc
			.sql("update partner_invite_job set sent = sent + :sent, skipped = skipped + :skipped where job_id = :id")
			.param("sent", sent)
			.param("skipped", ids.size() - sent)
			.param("id", job.id())
			.update();
		int next = from + ids.size();
		return ids.size() < CHUNK || next >= job.total() ? JobChunk.finished(String.valueOf(next), ids.size())
				: JobChunk.next(String.valueOf(next), ids.size());
	}

	private boolean invite(long partnerId) {
		Optional<PartnerStatus> status = this.partners.findById(partnerId).map(p -> p.status());
		if (status.isEmpty() || status.get() != PartnerStatus.APPROVED) {
			return false;
		}
		return this.partners.sendInvitation(partnerId) == InviteOutcome.SENT;
	}

}
