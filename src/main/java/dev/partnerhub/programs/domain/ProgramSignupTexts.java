package dev.partnerhub.programs.domain;

import java.util.Objects;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupTexts;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Columns {@code program.signup_heading} and {@code signup_intro} (V46_2), kept apart
 * from the program definition like the lead reward.
 */
@Service
@Transactional
class ProgramSignupTexts implements SignupTexts {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ProgramSignupTexts(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	private record Stored(@Nullable String heading, @Nullable String intro) {
	}

	@Override
	@Transactional(readOnly = true)
	public SignupText signupText(ProgramSummary program) {
		Stored stored = stored(program.id());
		return new SignupText(stored.heading() == null ? SignupText.defaultHeading(program.name()) : stored.heading(),
				stored.intro(), stored.heading() != null);
	}

	@Override
	public void setSignupText(long programId, @Nullable String heading, @Nullable String intro) {
		String h = heading == null || heading.isBlank() ? null : heading.strip();
		String i = intro == null || intro.isBlank() ? null : intro.strip();
		if (h != null && h.length() > MAX_HEADING) {
			throw new InvalidInputException("signupHeading",
					"The sign-up heading may be at most " + MAX_HEADING + " characters.");
		}
		if (i != null && i.length() > MAX_INTRO) {
			throw new InvalidInputException("signupIntro",
					"The sign-up intro may be at most " + MAX_INTRO + " characters.");
		}
		Stored before = stored(programId);
		if (Objects.equals(before.heading(), h) && Objects.equals(before.intro(), i)) {
			return;
		}
		int changed = this.jdbc
			.sql("update program set signup_heading = :heading, signup_intro = :intro where id = :id")
			.param("heading", h)
			.param("intro", i)
			.param("id", programId)
			.update();
		if (changed > 0) {
			this.audit.record(AuditEntry.of(Actor.current(), "program.update", "program", programId,
					"signupHeading=" + before.heading(), "signupHeading=" + h));
		}
	}

	private Stored stored(long programId) {
		return this.jdbc.sql("select signup_heading, signup_intro from program where id = :id")
			.param("id", programId)
			.query((rs, row) -> new Stored(rs.getString(1), rs.getString(2)))
			.optional()
			.orElse(new Stored(null, null));
	}

}
