package dev.partnerhub.audit;

import java.util.UUID;

import dev.partnerhub.ModuleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ModuleTest
class AuditLogTests {

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void recordsWhoDidWhatWithBeforeAndAfter() {
		String subject = UUID.randomUUID().toString();
		this.audit.record(
				AuditEntry.of("admin@test.local", "program.change", "partner", subject, "Affiliates", "Partners Pro")
					.withDetail("level-up"));
		var row = this.jdbc
			.sql("select actor, action, before_value, after_value, detail from audit_entry where subject_id = :s")
			.param("s", subject)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
					+ "|" + rs.getString(5))
			.single();
		assertThat(row).isEqualTo("admin@test.local|program.change|Affiliates|Partners Pro|level-up");
	}

	@Test
	void aZeroByteInAReasonDoesNotFailTheDecision() {
		String subject = UUID.randomUUID().toString();
		this.audit
			.record(AuditEntry.of("x@test.local", "commission.decline", "commission", subject, "pending", "declined")
				.withDetail("fraud\0ulent"));
		assertThat(this.jdbc.sql("select detail from audit_entry where subject_id = :s")
			.param("s", subject)
			.query(String.class)
			.single()).isEqualTo("fraudulent");
	}

	@Test
	void entriesCannotBeChangedOrDeleted() {
		String subject = UUID.randomUUID().toString();
		this.audit.record(AuditEntry.of(null, "commission.approve", "commission", subject, "pending", "approved"));
		assertThatThrownBy(() -> this.jdbc.sql("update audit_entry set actor = 'someone' where subject_id = :s")
			.param("s", subject)
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from audit_entry where subject_id = :s").param("s", subject).update())
			.hasMessageContaining("append-only");
		assertThat(this.jdbc.sql("select actor from audit_entry where subject_id = :s")
			.param("s", subject)
			.query(String.class)
			.single()).isEqualTo("system");
	}

	@Test
	void aRolledBackDecisionLeavesNoEntry() {
		String subject = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult(status -> {
			this.audit.record(AuditEntry.of("x@test.local", "payout.pay", "payout", subject, null, null));
			status.setRollbackOnly();
		});
		assertThat(this.jdbc.sql("select count(*) from audit_entry where subject_id = :s")
			.param("s", subject)
			.query(Long.class)
			.single()).isZero();
	}

}
