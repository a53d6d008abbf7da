package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.programs.LeadRewards;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Column {@code program.lead_reward} (V38_1), kept apart from the program definition like
 * the payout options.
 */
@Service
@Transactional
class ProgramLeadRewards implements LeadRewards {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ProgramLeadRewards(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BigDecimal> leadReward(long programId) {
		return this.jdbc.sql("select lead_reward from program where id = :id and lead_reward is not null")
			.param("id", programId)
			.query(BigDecimal.class)
			.optional();
	}

	@Override
	public void setLeadReward(long programId, @Nullable BigDecimal amount) {
		BigDecimal value = null;
		if (amount != null && amount.signum() != 0) {
			String problem = MoneyInput.amountProblem(amount.toPlainString());
			if (problem != null || amount.signum() < 0) {
				throw new InvalidInputException("leadReward",
						"Lead reward " + (problem == null ? "must not be negative." : problem));
			}
			value = amount.setScale(2);
		}
		BigDecimal before = leadReward(programId).orElse(null);
		if (Objects.equals(before, value)) {
			return;
		}
		int changed = this.jdbc.sql("update program set lead_reward = :amount where id = :id")
			.param("amount", value)
			.param("id", programId)
			.update();
		if (changed > 0) {
			this.audit.record(AuditEntry.of(Actor.current(), "program.update", "program", programId,
					"leadReward=" + (before == null ? "off" : before.toPlainString()),
					"leadReward=" + (value == null ? "off" : value.toPlainString())));
		}
	}

}
