package dev.partnerhub;

import java.time.Instant;

import dev.partnerhub.contacts.domain.Contact;
import dev.partnerhub.contacts.domain.ContactRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One persistence style per purpose (docs/architecture.md, "Persistence"): Spring Data
 * JDBC, no JPA.
 */
@IntegrationTest
class PersistenceTests {

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ContactRepository contacts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void transactionsAreJdbcTransactionsAndJpaIsGone() {
		// the order path's group commit and the benches rely on a plain JDBC transaction
		// manager
		assertThat(this.transactions).isInstanceOf(JdbcTransactionManager.class);
		assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManager", null)).isFalse();
	}

	@Test
	void aSaveWritesAtOnceAndAStaleCopyIsRefused() {
		Contact created = this.contacts.save(new Contact("persist-" + System.nanoTime() + "@example.com", "Ann", "Lee",
				Instant.parse("2026-01-01T00:00:00Z")));
		// written without a flush: plain SQL in the same test sees it
		assertThat(this.jdbc.sql("select first_name from contact where id = :id")
			.param("id", created.getId())
			.query(String.class)
			.single()).isEqualTo("Ann");
		Contact first = this.contacts.findById(created.getId()).orElseThrow();
		Contact stale = this.contacts.findById(created.getId()).orElseThrow();
		first.rename("Anna", "Lee");
		this.contacts.save(first);
		stale.rename("Annie", "Lee");
		assertThatThrownBy(() -> this.contacts.save(stale)).isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(this.contacts.findById(created.getId()).orElseThrow().getFirstName()).isEqualTo("Anna");
	}

	@Test
	void rowsWrittenBySqlWithTheDefaultVersionAreUpdatedNotInsertedAgain() {
		// imports, the demo data and the public sign-up insert contacts in SQL (version 0
		// by default)
		long id = this.jdbc
			.sql("insert into contact (email, first_name, last_name) values (:email, 'Bo', 'Ek') returning id")
			.param("email", "persist-sql-" + System.nanoTime() + "@example.com")
			.query(Long.class)
			.single();
		Contact loaded = this.contacts.findById(id).orElseThrow();
		loaded.rename("Bob", "Ek");
		this.contacts.save(loaded);
		assertThat(this.jdbc.sql("select first_name || ':' || version from contact where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("Bob:1");
	}

}
