package dev.partnerhub.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The tracked link's front filter ({@code tracking.web.TrackedLinkFilter}) under parallel
 * clicks: the shared context has no server port, so the requests go through MockMvc (the
 * same servlet filters, the filter first) from real threads at once. Every click gets its
 * own token in its redirect and cookie, and the click writer stores each exactly once.
 */
@IntegrationTest
class TrackedLinkConcurrencyTests {

	static final int THREADS = 8;

	static final int CLICKS_PER_THREAD = 25;

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	ClickRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	record Click(String ip, int status, String location, String cookie, boolean answeredByTheFilter) {
	}

	@Test
	void parallelClicksEachGetTheirOwnRedirectAndAreStoredExactlyOnce() throws Exception {
		Fixtures fixtures = new Fixtures(this.programs, this.partners, this.contacts);
		ProgramSummary program = fixtures.program("https://shop.example.com/parallel", 30);
		PartnerSummary partner = fixtures.partner(program, PartnerStatus.APPROVED);
		// one visitor (address) per click: none is a repeat, so none is a duplicate
		int thread0 = (int) (System.nanoTime() % 200);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<List<Click>>> futures = new ArrayList<>();
		try {
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				Callable<List<Click>> clicks = () -> {
					start.await();
					List<Click> done = new ArrayList<>();
					for (int i = 0; i < CLICKS_PER_THREAD; i++) {
						String ip = "10.77." + (thread0 + thread) % 250 + "." + i;
						MvcResult result = this.mvc
							.perform(get("/r/" + partner.code()).header("User-Agent", TrackingRedirectTests.BROWSER)
								.with(request -> {
									request.setRemoteAddr(ip);
									return request;
								}))
							.andReturn();
						done.add(new Click(ip, result.getResponse().getStatus(),
								result.getResponse().getHeader("Location"),
								result.getResponse().getHeader("Set-Cookie"), result.getHandler() == null));
					}
					return done;
				};
				futures.add(pool.submit(clicks));
			}
			start.countDown();
			List<Click> all = new ArrayList<>();
			for (Future<List<Click>> future : futures) {
				all.addAll(future.get(60, TimeUnit.SECONDS));
			}
			int fired = THREADS * CLICKS_PER_THREAD;
			assertThat(all).hasSize(fired).allSatisfy(click -> {
				assertThat(click.status()).as(click.ip()).isEqualTo(302);
				// the front filter answered, not the controller behind the chain
				assertThat(click.answeredByTheFilter()).as(click.ip()).isTrue();
				assertThat(click.location()).startsWith("https://shop.example.com/parallel?ref=");
				assertThat(click.cookie())
					.startsWith("ph_ref=" + TrackingRedirectTests.tokenOf(click.location()) + ";");
			});
			Set<String> tokens = all.stream()
				.map(click -> TrackingRedirectTests.tokenOf(click.location()))
				.collect(Collectors.toSet());
			assertThat(tokens).as("one token per click").hasSize(fired);

			// the writer flushes on its own every 200 ms
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(storedTokens(partner.id())).hasSize(fired));
			this.recorder.flush();
			List<String> stored = storedTokens(partner.id());
			assertThat(stored).as("each click stored once").hasSize(fired).doesNotHaveDuplicates();
			assertThat(Set.copyOf(stored)).isEqualTo(tokens);
			assertThat(this.jdbc.sql("select count(*) from click where partner_id = :p and (duplicate or bot)")
				.param("p", partner.id())
				.query(Long.class)
				.single()).as("clicks of distinct visitors taken for repeats").isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<String> storedTokens(long partnerId) {
		return this.jdbc.sql("select token from click where partner_id = :p")
			.param("p", partnerId)
			.query(String.class)
			.list();
	}

}
