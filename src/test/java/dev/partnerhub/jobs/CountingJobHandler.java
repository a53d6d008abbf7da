package dev.partnerhub.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * A job kind for the facility's own tests: one unit per chunk up to the job's total. A
 * test can make a chunk of a given job fail, or hold it until released. A plain component
 * found by the component scan (like the rollups' event recorder): it changes nothing
 * else, so the shared test context stays one context.
 */
@Component
class CountingJobHandler implements JobHandler {

	static final String KIND = "test.counting";

	/** Job id → the chunk number (1-based) that throws. */
	final Map<Long, Integer> failAt = new ConcurrentHashMap<>();

	/** Job id → the chunk number that waits for the latch (once). */
	final Map<Long, Integer> holdAt = new ConcurrentHashMap<>();

	final Map<Long, CountDownLatch> held = new ConcurrentHashMap<>();

	final Map<Long, CountDownLatch> release = new ConcurrentHashMap<>();

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public JobChunk runChunk(Job job, String cursor) {
		int next = (cursor == null ? 0 : Integer.parseInt(cursor)) + 1;
		if (next > job.total()) {
			return JobChunk.finished(cursor, 0);
		}
		if (Integer.valueOf(next).equals(this.failAt.get(job.id()))) {
			throw new IllegalStateException("chunk " + next + " fails");
		}
		if (this.holdAt.remove(job.id(), next)) {
			this.held.get(job.id()).countDown();
			try {
				this.release.get(job.id()).await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return JobChunk.next(Integer.toString(next), 1);
	}

}
