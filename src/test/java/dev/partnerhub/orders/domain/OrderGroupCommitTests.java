package dev.partnerhub.orders.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.orders.domain.OrderService.Placed;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The group commit on real PostgreSQL, with a placer that writes a probe row per order
 * and records its transaction id. The first order of each test holds its writer until the
 * others are queued, so what forms one batch is deterministic.
 */
@IntegrationTest
class OrderGroupCommitTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	final Map<String, Long> transactionOf = new ConcurrentHashMap<>();

	final CountDownLatch gateEntered = new CountDownLatch(1);

	final CountDownLatch gateOpen = new CountDownLatch(1);

	OrderGroupCommit group;

	ExecutorService callers;

	@BeforeEach
	void probeTable() {
		this.jdbc.sql("create table if not exists group_commit_probe (order_id varchar(100) primary key)").update();
		this.jdbc.sql("truncate group_commit_probe").update();
		this.group = new OrderGroupCommit(this::placeAll, this::stored,
				new TransactionTemplate(this.transactionManager), 1, 64);
		this.callers = Executors.newFixedThreadPool(20);
	}

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
		this.group.close();
		this.jdbc.sql("drop table if exists group_commit_probe").update();
	}

	List<Placed> placeAll(List<NewOrderRequest> orders) {
		List<Placed> placed = new ArrayList<>();
		orders.forEach(o -> placed.add(place(o.command(), o.orderId(), o.hash())));
		return placed;
	}

	/**
	 * The test's placer: "gate" waits for the test, "bad…" is refused, anything else
	 * writes its probe row.
	 */
	Placed place(PlaceOrder command, String orderId, String hash) {
		if (orderId.equals("gate")) {
			this.gateEntered.countDown();
			try {
				this.gateOpen.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (orderId.startsWith("bad")) {
			throw new InvalidInputException("items[0].sku", "Unknown sku.");
		}
		int inserted = this.jdbc.sql("insert into group_commit_probe values (:id) on conflict do nothing")
			.param("id", orderId)
			.update();
		if (inserted == 0) {
			return null;
		}
		this.transactionOf.put(orderId, this.jdbc.sql("select txid_current()").query(Long.class).single());
		return new Placed(orderId, 1, List.of(), true);
	}

	Set<String> stored(Set<String> ids) {
		return new HashSet<>(this.jdbc.sql("select order_id from group_commit_probe where order_id = any(:ids)")
			.param("ids", new SqlArrayValue("varchar", ids.toArray()))
			.query(String.class)
			.list());
	}

	static PlaceOrder order(String orderId, String email) {
		return new PlaceOrder(orderId, email, null, null, null, null, "USD", false, List.of());
	}

	/**
	 * Holds the writer in the gate order, queues the given orders from their own threads,
	 * then opens the gate.
	 */
	List<Future<Placed>> behindTheGate(List<PlaceOrder> orders) throws Exception {
		Future<Placed> gate = this.callers.submit(() -> this.group.place(order("gate", "gate@x.test"), "gate", "h"));
		assertThat(this.gateEntered.await(30, TimeUnit.SECONDS)).isTrue();
		List<Future<Placed>> answers = new ArrayList<>();
		for (PlaceOrder o : orders) {
			answers.add(this.callers.submit(() -> this.group.place(o, o.orderId(), "h")));
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.untilAsserted(() -> assertThat(this.group.queued()).isEqualTo(orders.size()));
		this.gateOpen.countDown();
		assertThat(gate.get(30, TimeUnit.SECONDS)).isNotNull();
		return answers;
	}

	@Test
	void ordersQueuedDuringACommitShareTheNextOne() throws Exception {
		List<PlaceOrder> orders = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			orders.add(order("o" + i, "buyer" + (9 - i) + "@x.test"));
		}
		List<Future<Placed>> answers = behindTheGate(orders);
		for (int i = 0; i < orders.size(); i++) {
			Placed placed = answers.get(i).get(30, TimeUnit.SECONDS);
			assertThat(placed).isNotNull();
			assertThat(placed.orderId()).isEqualTo("o" + i);
		}
		// the ten after the gate were written by one transaction, and are all committed
		Set<Long> transactions = new HashSet<>();
		orders.forEach(o -> transactions.add(this.transactionOf.get(o.orderId())));
		assertThat(transactions).hasSize(1).doesNotContain(this.transactionOf.get("gate"));
		assertThat(this.jdbc.sql("select count(*) from group_commit_probe").query(Long.class).single()).isEqualTo(11);
		assertThat(this.group.averageBatch()).isEqualTo(5.5); // (1 + 10) orders in 2
																// commits
	}

	@Test
	void oneBadOrderRollsItsBatchBackAndEveryOrderOfItGoesAlone() throws Exception {
		List<PlaceOrder> orders = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			orders.add(order(i == 3 ? "bad3" : "o" + i, "buyer" + i + "@x.test"));
		}
		List<Future<Placed>> answers = behindTheGate(orders);
		for (Future<Placed> answer : answers) {
			assertThat(answer.get(30, TimeUnit.SECONDS)).as("placed alone by the caller").isNull();
		}
		// nothing of the failed batch was kept: each caller writes his own order again,
		// alone
		assertThat(this.jdbc.sql("select order_id from group_commit_probe").query(String.class).list())
			.containsExactly("gate");
	}

	@Test
	void storedIdsAndTheSameIdTwiceInABatchAreLeftToTheReplayPath() throws Exception {
		this.jdbc.sql("insert into group_commit_probe values ('old')").update();
		List<PlaceOrder> orders = List.of(order("old", "a@x.test"), order("twice", "b@x.test"),
				order("twice", "b@x.test"), order("new", "c@x.test"));
		List<Future<Placed>> answers = behindTheGate(orders);
		List<Placed> placed = new ArrayList<>();
		for (Future<Placed> answer : answers) {
			placed.add(answer.get(30, TimeUnit.SECONDS));
		}
		assertThat(placed.get(0)).as("stored before: a replay").isNull();
		assertThat(placed.subList(1, 3)).as("one of the two is placed, the other replays it")
			.filteredOn(p -> p != null)
			.hasSize(1);
		assertThat(placed.get(3)).isNotNull();
		assertThat(this.jdbc.sql("select count(*) from group_commit_probe").query(Long.class).single()).isEqualTo(4);
	}

	@Test
	void afterCloseOrdersAreLeftToTheirCallers() {
		this.group.close();
		assertThat(this.group.place(order("late", "l@x.test"), "late", "h")).isNull();
		assertThat(this.jdbc.sql("select count(*) from group_commit_probe").query(Long.class).single()).isZero();
	}

}
