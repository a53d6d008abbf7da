package dev.partnerhub.notices.domain;

import java.util.EnumMap;
import java.util.Map;

import dev.partnerhub.notices.Notice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Which notices a program sends; a notice without a row is on. */
@Component
@Transactional
public class NoticeSettings {

	private final JdbcClient jdbc;

	NoticeSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public boolean enabled(long programId, Notice notice) {
		return this.jdbc.sql("select enabled from notice_setting where program_id = :program and notice = :notice")
			.param("program", programId)
			.param("notice", notice.key())
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	@Transactional(readOnly = true)
	public Map<Notice, Boolean> all(long programId) {
		Map<Notice, Boolean> all = new EnumMap<>(Notice.class);
		for (Notice notice : Notice.values()) {
			all.put(notice, enabled(programId, notice));
		}
		return all;
	}

	public void set(long programId, Notice notice, boolean enabled) {
		this.jdbc.sql("""
				insert into notice_setting (program_id, notice, enabled) values (:program, :notice, :enabled)
				on conflict (program_id, notice) do update set enabled = excluded.enabled
				""").param("program", programId).param("notice", notice.key()).param("enabled", enabled).update();
	}

}
