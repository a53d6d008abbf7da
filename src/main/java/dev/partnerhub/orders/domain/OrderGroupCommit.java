package dev.partnerhub.orders.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.partnerhub.orders.domain.OrderService.Placed;
import dev.partnerhub.support.TransactionMemo;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for new orders. A request thread hands its order to a writer and waits;
 * the writer places every order waiting at that moment (up to {@code maxBatch}) in one
 * transaction, with one statement per step for all of them (buyers, orders and items,
 * commissions: {@link OrderPlacement#placeAll}), and answers all of them after its
 * commit. So N concurrent orders share a handful of statements and one WAL flush instead
 * of N of each, while each order still gets its 201 only once it is durable. No order
 * waits for a timer: a batch is whatever queued while the previous one committed, so a
 * lone order goes straight through, and batches grow with the load.
 * <p>
 * A batch is all or nothing. When anything in it fails (an unknown sku, an order id taken
 * meanwhile, a database error), it is rolled back and every order in it is placed again
 * alone by its own request thread, exactly as without group commit: one bad order never
 * fails or delays the others by more than that retry, and replays, 400s and 409s keep
 * their single-order answers. Events published in a rolled-back batch never reach
 * after-commit listeners.
 * <p>
 * One writer is the default (measured fastest on 2 cores: no lock or multixact contention
 * between writers, and the database work of a batch is a few statements). With more
 * writers, a batch upserts its buyers in e-mail order, so two writers lock contact rows
 * in the same order. An order id already stored, or twice in one batch, goes alone (it is
 * a replay or a race for one id).
 */
final class OrderGroupCommit {

	private static final Logger log = LoggerFactory.getLogger(OrderGroupCommit.class);

	/**
	 * How long a request waits for its batch before it answers 503 (the order may still
	 * commit: replay it).
	 */
	private static final long WAIT_SECONDS = 30;

	/**
	 * Places new orders inside the batch's transaction, with set-based statements for all
	 * of them; answers in their order, null for an order whose id turned out to be taken
	 * (a replay).
	 */
	interface Placer {

		List<Placed> placeAll(List<NewOrderRequest> orders);

	}

	/**
	 * What a waiting request gets: its placed order, or {@code null} = place it alone.
	 */
	private record Job(PlaceOrder command, String orderId, String hash, CompletableFuture<Placed> answer) {

		String buyerKey() {
			return this.command.buyerKey();
		}

	}

	private final Placer placer;

	private final Function<Set<String>, Set<String>> stored;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Job> queue;

	private final int maxBatch;

	private final List<Thread> writers = new ArrayList<>();

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong grouped = new AtomicLong();

	private final AtomicLong fallbacks = new AtomicLong();

	private volatile boolean closed;

	/**
	 * @param stored which of the given order ids are stored already (one statement)
	 * @param writers how many batches may run at once (each holds one connection while it
	 * runs)
	 */
	OrderGroupCommit(Placer placer, Function<Set<String>, Set<String>> stored, TransactionTemplate transactions,
			int writers, int maxBatch) {
		this.placer = placer;
		this.stored = stored;
		this.transactions = transactions;
		this.maxBatch = maxBatch;
		this.queue = new ArrayBlockingQueue<>(Math.max(1024, writers * maxBatch * 4));
		for (int i = 0; i < writers; i++) {
			Thread writer = new Thread(this::work, "order-writer-" + (i + 1));
			writer.setDaemon(true);
			writer.start();
			this.writers.add(writer);
		}
	}

	/**
	 * Places the order in the next batch and waits for its commit. Empty answer
	 * ({@code null}): the caller places it alone (the batch failed, the order is a
	 * replay, or group commit is closed or full).
	 */
	@Nullable Placed place(PlaceOrder command, String orderId, String hash) {
		if (this.closed) {
			return null;
		}
		Job job = new Job(command, orderId, hash, new CompletableFuture<>());
		if (!this.queue.offer(job)) {
			return null; // full: the request thread writes it itself rather than wait in
							// line
		}
		try {
			return job.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new CannotCreateTransactionException(
					"The order was not written within " + WAIT_SECONDS + " s; retry it with the same orderId.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CannotCreateTransactionException("Interrupted while the order was written; retry it.");
		}
	}

	private void work() {
		List<Job> batch = new ArrayList<>(this.maxBatch);
		while (!this.closed || !this.queue.isEmpty()) {
			try {
				Job first = this.queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				run(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | Error ex) {
				// never leave a request waiting: whatever is unanswered goes alone
				log.error("Order group commit failed unexpectedly; the orders are placed one by one", ex);
				batch.forEach(job -> job.answer().complete(null));
			}
			finally {
				batch.clear();
			}
		}
	}

	private void run(List<Job> batch) {
		List<Job> grouped = new ArrayList<>(batch.size());
		Set<String> ids = new HashSet<>();
		for (Job job : batch) {
			if (ids.add(job.orderId())) {
				grouped.add(job);
			}
			else {
				job.answer().complete(null); // the same id twice: the first is placed
												// here, this one replays it
			}
		}
		grouped.sort(Comparator.comparing(Job::buyerKey));
		List<Placed> placed;
		try {
			placed = this.transactions.execute(status -> {
				TransactionMemo.open(); // partners read once per batch, not per order
				Set<String> taken = this.stored.apply(ids);
				List<NewOrderRequest> fresh = grouped.stream()
					.filter(job -> !taken.contains(job.orderId()))
					.map(job -> new NewOrderRequest(job.command(), job.orderId(), job.hash()))
					.toList();
				List<Placed> written = fresh.isEmpty() ? List.of() : this.placer.placeAll(fresh);
				if (written.stream().anyMatch(Objects::isNull)) {
					throw new RaceForOrderId(); // inserted by someone else meanwhile: the
												// batch is void
				}
				List<Placed> results = new ArrayList<>(grouped.size());
				int next = 0;
				for (Job job : grouped) {
					results.add(taken.contains(job.orderId()) ? null : written.get(next++));
				}
				return results;
			});
		}
		catch (CannotCreateTransactionException ex) {
			// no database: every order would fail alone the same way, after waiting for a
			// connection again
			grouped.forEach(job -> job.answer().completeExceptionally(ex));
			return;
		}
		catch (RuntimeException ex) {
			if (!(ex instanceof RaceForOrderId)) {
				log.debug("Order batch of {} rolled back ({}); placing them one by one", grouped.size(), ex.toString());
			}
			this.fallbacks.incrementAndGet();
			grouped.forEach(job -> job.answer().complete(null));
			return;
		}
		this.batches.incrementAndGet();
		this.grouped.addAndGet(grouped.size());
		for (int i = 0; i < grouped.size(); i++) {
			grouped.get(i).answer().complete(placed.get(i)); // null: stored before, the
																// caller replays it
		}
	}

	/**
	 * Exports the queue depth and three counters; orders / batches is how many orders
	 * shared a commit on average, fallbacks counts batches rolled back and placed one by
	 * one.
	 */
	void bindTo(MeterRegistry registry) {
		registry.gauge("partnerhub.orders.group.queued", this.queue, BlockingQueue::size);
		registry.more().counter("partnerhub.orders.group.batches", List.of(), this.batches);
		registry.more().counter("partnerhub.orders.group.orders", List.of(), this.grouped);
		registry.more().counter("partnerhub.orders.group.fallbacks", List.of(), this.fallbacks);
	}

	/** Orders waiting for a writer. */
	int queued() {
		return this.queue.size();
	}

	/**
	 * Orders committed in batches / batches committed: how many orders shared a commit on
	 * average.
	 */
	double averageBatch() {
		long n = this.batches.get();
		return n == 0 ? 0 : (double) this.grouped.get() / n;
	}

	/** Stops taking orders (new ones go alone); the writers finish what is queued. */
	void close() {
		this.closed = true;
		for (Thread writer : this.writers) {
			try {
				writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		// offered just as the writers stopped: answered, so the callers place them alone
		for (Job late; (late = this.queue.poll()) != null;) {
			late.answer().complete(null);
		}
	}

	/**
	 * An order id of the batch was stored by another writer or instance after the batch's
	 * check.
	 */
	private static final class RaceForOrderId extends RuntimeException {

		RaceForOrderId() {
			super("order id taken concurrently", null, false, false);
		}

	}

}
