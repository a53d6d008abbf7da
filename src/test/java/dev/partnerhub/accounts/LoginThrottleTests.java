package dev.partnerhub.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.accounts.domain.AccountService;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.accounts.LoginFixtures.device;
import static dev.partnerhub.accounts.LoginFixtures.from;
import static dev.partnerhub.accounts.LoginFixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 14, items 2 and 3: login attempts are counted before the password is checked
 * (parallel guesses get no more checks than the limit), and strangers cannot lock an
 * owner out: limits per account and address, per address and per account, which a browser
 * with the account's device cookie (set at a successful login or by a reset link) is not
 * subject to. Limits (LoginThrottle, 15 minutes): 5 per account and address, 20 per
 * address, 10 per account, 5 per device.
 */
@IntegrationTest
class LoginThrottleTests {

	static final String PASSWORD = "the-right-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	AccountLinks links;

	@Autowired
	JdbcClient jdbc;

	LoginFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoginFixtures(this.mvc, this.accounts);
	}

	@Test
	void parallelWrongPasswordsGetNoMorePasswordChecksThanTheLimit() throws Exception {
		String email = this.fx.partner(PASSWORD);
		String address = ip();
		int requests = 80;
		ExecutorService pool = Executors.newFixedThreadPool(40);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<String>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < requests; i++) {
				String guess = "wrong-guess-" + i;
				answers.add(pool.submit(() -> {
					go.await();
					return this.fx.landing(email, guess, address);
				}));
			}
			go.countDown();
			List<String> landings = new ArrayList<>();
			for (Future<String> answer : answers) {
				landings.add(answer.get(120, TimeUnit.SECONDS));
			}
			Map<String, Long> counts = landings.stream()
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			System.out.println("80 parallel wrong passwords, one user, one address: " + counts);
			// "/login?error" = the password was checked and was wrong; "/login?throttled"
			// = refused before bcrypt
			assertThat(counts.getOrDefault("/login?error", 0L)).as("password checks").isEqualTo(5);
			assertThat(counts.getOrDefault("/login?throttled", 0L)).isEqualTo(requests - 5);
		}
		finally {
			pool.shutdownNow();
		}
		// the right password from that address waits too; from another address it works
		assertThat(this.fx.landing(email, PASSWORD, address)).isEqualTo("/login?throttled");
		assertThat(this.fx.landing(email, PASSWORD, ip())).isEqualTo("/partner");
	}

	@Test
	void guessesFromOtherAddressesDoNotLockTheOwnerOutOfHisKnownBrowser() throws Exception {
		String email = this.fx.partner(PASSWORD);
		String home = ip();
		MvcResult first = this.fx.login(email, PASSWORD, home);
		assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/partner");
		Cookie device = device(first);
		assertThat(device).as("device cookie set at a successful login").isNotNull();
		assertThat(first.getResponse().getHeaders("Set-Cookie"))
			.anySatisfy(header -> assertThat(header).startsWith("ph_device=")
				.contains("HttpOnly")
				.contains("SameSite=Lax")
				.contains("Path=/")
				.doesNotContain(email));

		// a guesser rotating addresses: 3 guesses from each of 4 addresses; the account
		// allows 10 in 15 minutes
		List<String> landings = new ArrayList<>();
		for (int a = 0; a < 4; a++) {
			String guesser = ip();
			for (int i = 0; i < 3; i++) {
				landings.add(this.fx.landing(email, "guess-" + a + "-" + i, guesser));
			}
		}
		assertThat(landings.subList(0, 10)).containsOnly("/login?error");
		assertThat(landings.subList(10, 12)).containsOnly("/login?throttled");

		// an unknown browser is held back even with the right password (that is what
		// slows the guesser) ...
		assertThat(this.fx.landing(email, PASSWORD, ip())).isEqualTo("/login?throttled");
		// ... but the owner's browser gets in, at home or anywhere else
		assertThat(this.fx.landing(email, PASSWORD, home, device)).isEqualTo("/partner");
		assertThat(this.fx.landing(email, PASSWORD, ip(), device)).isEqualTo("/partner");
	}

	@Test
	void aSharedAddressUsedUpByAGuesserDoesNotLockOutTheAdminWithHisDeviceCookie() throws Exception {
		String admin = this.fx.admin("admin-shared-office-1");
		String office = ip();
		MvcResult first = this.fx.login(admin, "admin-shared-office-1", office);
		assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/admin");
		Cookie device = device(first);
		assertThat(device).isNotNull();

		// someone in the same office guesses the admin's password (5 per account and
		// address) ...
		for (int i = 0; i < 5; i++) {
			assertThat(this.fx.landing(admin, "guess-" + i, office)).isEqualTo("/login?error");
		}
		assertThat(this.fx.landing(admin, "guess-5", office)).isEqualTo("/login?throttled");
		// ... and other users' (20 per address)
		for (int i = 0; i < 15; i++) {
			assertThat(this.fx.landing(LoginFixtures.unique("colleague") + "@accounts.test", "guess", office))
				.isEqualTo("/login?error");
		}
		assertThat(this.fx.landing(LoginFixtures.unique("colleague") + "@accounts.test", "guess", office))
			.isEqualTo("/login?throttled");
		// without the device cookie nobody gets in from that address, the admin neither
		// ...
		assertThat(this.fx.landing(admin, "admin-shared-office-1", office)).isEqualTo("/login?throttled");
		// ... with it the admin does, from the very same address
		assertThat(this.fx.landing(admin, "admin-shared-office-1", office, device)).isEqualTo("/admin");
	}

	@Test
	void theDeviceCookieOnlyVouchesForItsOwnAccountAndCannotBeForged() throws Exception {
		String alice = this.fx.partner(PASSWORD);
		String bob = this.fx.partner(PASSWORD);
		Cookie alicesDevice = device(this.fx.login(alice, PASSWORD, ip()));
		assertThat(alicesDevice).isNotNull();
		useUpTheAccount(bob);
		useUpTheAccount(alice);

		assertThat(this.fx.landing(bob, PASSWORD, ip(), alicesDevice)).as("Alice's cookie for Bob")
			.isEqualTo("/login?throttled");
		String value = alicesDevice.getValue();
		String[] forgeries = { value.substring(0, value.length() - 2) + (value.endsWith("AA") ? "BB" : "AA"),
				value.replaceFirst("^\\d+", "9999999999"), "9999999999.AAAAAAAAAAAAAAAAAAAAAA." + "A".repeat(43),
				"garbage", "~~~", "1.2.3.4.5", "x".repeat(1200) };
		for (String forged : forgeries) {
			assertThat(this.fx.landing(alice, PASSWORD, ip(), new Cookie("ph_device", forged))).as(forged)
				.isEqualTo("/login?throttled");
		}
		assertThat(this.fx.landing(alice, PASSWORD, ip(), alicesDevice)).isEqualTo("/partner");
	}

	@Test
	void aKnownBrowserHasALimitOfItsOwn() throws Exception {
		String email = this.fx.partner(PASSWORD);
		Cookie device = device(this.fx.login(email, PASSWORD, ip()));
		String address = ip();
		for (int i = 0; i < 5; i++) {
			assertThat(this.fx.landing(email, "typo-" + i, address, device)).isEqualTo("/login?error");
		}
		assertThat(this.fx.landing(email, PASSWORD, address, device)).isEqualTo("/login?throttled");
		// its failures were its own: an unknown browser at another address is not held
		// back by them
		assertThat(this.fx.landing(email, PASSWORD, ip())).isEqualTo("/partner");
	}

	@Test
	void aResetLinkLetsTheOwnerInWhileStrangersHaveUsedUpHisAccount() throws Exception {
		String email = this.fx.partner(PASSWORD);
		useUpTheAccount(email);
		assertThat(this.fx.landing(email, PASSWORD, ip())).isEqualTo("/login?throttled");

		long accountId = this.jdbc.sql("select id from user_account where email = ?")
			.param(email)
			.query(Long.class)
			.single();
		String token = this.links.issue(accountId, AccountLinks.Purpose.RESET, AccountLinks.RESET_TTL,
				java.time.Instant.now());
		MockHttpServletResponse set = this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "a-brand-new-password-1")
				.param("confirm", "a-brand-new-password-1")
				.with(csrf())
				.with(from(ip())))
			.andReturn()
			.getResponse();
		assertThat(set.getRedirectedUrl()).isEqualTo("/login?passwordSet");
		Cookie device = set.getCookie("ph_device");
		assertThat(device).as("the reset link makes this browser a known device").isNotNull();
		assertThat(this.fx.landing(email, "a-brand-new-password-1", ip(), device)).isEqualTo("/partner");
	}

	@Test
	void theLoginPageSaysWhyAndWhatToDo() throws Exception {
		String page = this.mvc.perform(get("/login").param("throttled", ""))
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.jsoup.nodes.Element message = org.jsoup.Jsoup.parse(page).getElementById("login-throttled");
		assertThat(message).isNotNull();
		assertThat(message.text()).contains("Too many failed log-in attempts", "15 minutes",
				"a device you have used before", "reset your password");
		assertThat(message.select("a").attr("href")).isEqualTo("/account/reset");
	}

	/**
	 * 10 wrong passwords from 5 addresses: the account-wide limit of unknown browsers is
	 * used up.
	 */
	private void useUpTheAccount(String email) throws Exception {
		for (int i = 0; i < 5; i++) {
			String address = ip();
			this.fx.landing(email, "guess-a-" + i, address);
			this.fx.landing(email, "guess-b-" + i, address);
		}
	}

}
