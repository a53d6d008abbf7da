package dev.partnerhub.support.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outermost guard: a lost database anywhere below it is a clean 503, any other
 * failure is left alone.
 */
class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter();

	@Test
	void aLostDatabaseInAControllerIsA503ProblemForTheApi() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
		request.addHeader("X-Request-Id", "req-0123456789");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			// what DispatcherServlet rethrows when no handler maps the exception
			throw new ServletException(new CannotCreateTransactionException("no connection",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentAsString()).contains("\"status\":503")
			.contains("\"requestId\":\"req-0123456789\"")
			.doesNotContain("Hikari");
	}

	@Test
	void peopleGetAShortPage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/commissions");
		request.addHeader("Accept", "text/html,application/xhtml+xml");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLException("Connection refused", "08001"));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains("Temporarily unavailable").doesNotContain("08001");
	}

	@Test
	void otherFailuresAndCommittedResponsesAreNotMasked() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
		assertThatThrownBy(() -> this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			throw new DataIntegrityViolationException("duplicate key");
		})).isInstanceOf(DataIntegrityViolationException.class);
		MockHttpServletResponse committed = new MockHttpServletResponse();
		committed.setCommitted(true);
		assertThatThrownBy(() -> this.filter.doFilter(request, committed, (req, res) -> {
			throw new CannotGetJdbcConnectionException("late");
		})).isInstanceOf(CannotGetJdbcConnectionException.class);
	}

	@Test
	void classifiesByCauseChainAndSqlState() {
		assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new SQLException("syntax", "42601"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
	}

}
