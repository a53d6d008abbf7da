package dev.partnerhub.support.web;

import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a lost database (503, retry later) from a real error (a bug or bad data) by
 * walking the cause chain.
 */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	public static boolean isUnavailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
					|| t instanceof TransientDataAccessResourceException
					|| t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
					|| t instanceof java.net.ConnectException) {
				return true;
			}
			if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
							|| sql.getSQLState().equals("57P03"))) {
				// 08xxx connection exceptions, 57P01 admin shutdown, 57P03 cannot connect
				// now (starting up)
				return true;
			}
		}
		return false;
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
