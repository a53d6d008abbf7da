package dev.partnerhub.partnercenter.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What {@code /partner} shows first for a program's partners ({@code pc_landing}): one of
 * the builder pages they may see, or the dashboard (no row). A page that is later
 * unpublished or hidden from the program is not shown (the dashboard is); a deleted page
 * takes its rows with it.
 */
@Repository
@Transactional
public class PcLandings {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	PcLandings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * The slug of the program's landing page while its partners may see it; empty = the
	 * dashboard.
	 */
	@Transactional(readOnly = true)
	public Optional<String> landingSlug(long programId) {
		return this.jdbc.sql("""
				select p.slug from pc_landing l join pc_page p on p.id = l.page_id
				where l.program_id = :program and p.published and (p.any_program or :program = any(p.program_ids))
				""").param("program", programId).query(String.class).optional();
	}

	/** Program id → landing page id, for the console. */
	@Transactional(readOnly = true)
	public Map<Long, Long> all() {
		Map<Long, Long> pages = new LinkedHashMap<>();
		this.jdbc.sql("select program_id, page_id from pc_landing order by program_id")
			.query((rs, row) -> pages.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return pages;
	}

	/**
	 * {@code pageId} null = the dashboard; otherwise a published page the program's
	 * partners may see (else InvalidInputException on {@code page}).
	 */
	public void choose(long programId, @Nullable Long pageId) {
		if (pageId == null) {
			int removed = this.jdbc.sql("delete from pc_landing where program_id = :program")
				.param("program", programId)
				.update();
			if (removed > 0) {
				this.audit.record(AuditEntry.of(Actor.current(), "partner-center.landing", "program", programId,
						"landing=page", "landing=dashboard"));
			}
			return;
		}
		boolean visible = this.jdbc.sql("""
				select count(*) > 0 from pc_page
				where id = :page and published and (any_program or :program = any(program_ids))
				""").param("page", pageId).param("program", programId).query(Boolean.class).single();
		if (!visible) {
			throw new InvalidInputException("page",
					"Choose a published page that this program's partners may see (its display condition).");
		}
		this.jdbc.sql("""
				insert into pc_landing (program_id, page_id) values (:program, :page)
				on conflict (program_id) do update set page_id = excluded.page_id
				""").param("program", programId).param("page", pageId).update();
		this.audit.record(AuditEntry.of(Actor.current(), "partner-center.landing", "program", programId, null,
				"landing=page " + pageId));
	}

}
