package dev.partnerhub.jobs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.ModuleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jobs facility on its own: chunks to the end, a failing chunk fails the job (rolled
 * back), and a job taken over from a worker that was only slow counts every chunk exactly
 * once.
 */
@ModuleTest
class JobRunnerTests {

	@Autowired
	JobApi jobs;

	@Autowired
	CountingJobHandler handler;

	@Autowired
	JdbcClient jdbc;

	Job awaitEnd(long id) {
		return await("job " + id + " ended").atMost(Duration.ofSeconds(30))
			.until(() -> this.jobs.find(id).orElseThrow(), job -> !job.active());
	}

	/**
	 * A queued job that nobody started yet (as {@link JobApi#submit} leaves it until its
	 * commit).
	 */
	long queued(long total) {
		return this.jdbc.sql("insert into job (kind, total, created_by) values (:kind, :total, 'test') returning id")
			.param("kind", CountingJobHandler.KIND)
			.param("total", total)
			.query(Long.class)
			.single();
	}

	@Test
	void aSubmittedJobRunsChunkByChunkToTheEnd() {
		long id = this.jobs.submit(CountingJobHandler.KIND, 7, "admin@test.local");
		Job job = awaitEnd(id);
		assertThat(job.status()).isEqualTo(JobStatus.DONE);
		assertThat(job.done()).isEqualTo(7);
		assertThat(job.cursor()).isEqualTo("7");
		assertThat(job.percent()).isEqualTo(100);
		assertThat(job.createdBy()).isEqualTo("admin@test.local");
		assertThat(job.startedAt()).isNotNull();
		assertThat(job.finishedAt()).isNotNull();
		assertThat(this.jobs.backlog(CountingJobHandler.KIND).jobs()).isZero();
	}

	@Test
	void aFailingChunkFailsTheJobAndIsRolledBack() {
		long id = queued(5);
		this.handler.failAt.put(id, 3);
		assertThat(this.jobs.run(id)).isTrue();
		Job job = this.jobs.find(id).orElseThrow();
		assertThat(job.status()).isEqualTo(JobStatus.FAILED);
		assertThat(job.error()).isEqualTo("The job stopped: IllegalStateException");
		assertThat(job.done()).isEqualTo(2);
		assertThat(job.cursor()).isEqualTo("2");
		// a job that ended is neither claimed again nor resumed
		assertThat(this.jobs.run(id)).isFalse();
		assertThat(this.jobs.recoverStale(Duration.ZERO)).doesNotContain(id);
	}

	@Test
	void aJobTakenOverFromASlowWorkerCountsEachChunkOnce() throws Exception {
		long id = queued(6);
		this.handler.holdAt.put(id, 3);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.handler.held.put(id, held);
		this.handler.release.put(id, release);
		// the first worker stalls inside its third chunk
		ExecutorService worker = Executors.newSingleThreadExecutor();
		Future<Boolean> slow = worker.submit(() -> this.jobs.run(id));
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		// its heartbeat looks stale: the sweeper hands the job to a second worker, which
		// finishes it from cursor 2
		assertThat(this.jobs.recoverStale(Duration.ZERO)).contains(id);
		Job job = awaitEnd(id);
		release.countDown();
		assertThat(slow.get(30, TimeUnit.SECONDS)).isTrue();
		worker.shutdown();
		// the slow worker's chunk 3 lost the conditional cursor update and rolled back:
		// no chunk counted twice
		job = this.jobs.find(id).orElseThrow();
		assertThat(job.status()).isEqualTo(JobStatus.DONE);
		assertThat(job.done()).isEqualTo(6);
		assertThat(job.cursor()).isEqualTo("6");
	}

}
