package dev.partnerhub.partnercenter;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the SQL statements the current thread sends to PostgreSQL while a block runs,
 * without touching the shared application context: the PostgreSQL JDBC driver logs every
 * Execute message it sends at FINEST through java.util.logging; a handler on the driver's
 * logger, switched on only for the block, counts those of this thread (MockMvc runs the
 * request on the test thread; background jobs run on others and are not counted).
 * Transaction BEGIN/COMMIT are statements too; they are counted as sent.
 */
final class SqlStatements {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

	private SqlStatements() {
	}

	interface Block {

		void run() throws Exception;

	}

	@SuppressWarnings("deprecation")
	static synchronized int count(Block block) throws Exception {
		long thread = Thread.currentThread().getId();
		AtomicInteger executes = new AtomicInteger();
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				String message = record.getMessage();
				if (record.getLongThreadID() == thread && message != null && message.contains("FE=> Execute")) {
					executes.incrementAndGet();
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		handler.setLevel(Level.ALL);
		Level before = DRIVER.getLevel();
		boolean parents = DRIVER.getUseParentHandlers();
		DRIVER.addHandler(handler);
		// the records stay here: nothing reaches the application's log
		DRIVER.setUseParentHandlers(false);
		DRIVER.setLevel(Level.FINEST);
		try {
			block.run();
		}
		finally {
			DRIVER.setLevel(before);
			DRIVER.setUseParentHandlers(parents);
			DRIVER.removeHandler(handler);
		}
		return executes.get();
	}

}
