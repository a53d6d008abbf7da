package dev.partnerhub.accounts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.accounts.domain.TwoFactorService;
import dev.partnerhub.support.AesGcm;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.accounts.LoginFixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 18: optional TOTP two-factor sign-in for admin users. Codes are generated here
 * with the same library from the secret stored (encrypted) in the database.
 */
@IntegrationTest
class TwoFactorTests {

	static final String PASSWORD = "two-factor-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.context.ApplicationContext context;

	LoginFixtures fx;

	String address;

	@BeforeEach
	void setUp() {
		this.fx = new LoginFixtures(this.mvc, this.accounts);
		this.address = ip();
	}

	@Test
	void anEnrolledAdminEntersACodeBeforeAnyConsolePageIsReachable() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		List<String> recovery = enrol(admin);
		assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
		assertThat(
				this.jdbc.sql("select count(*) from two_factor_recovery_code where user_id = :id and used_at is null")
					.param("id", userId(admin))
					.query(Integer.class)
					.single())
			.isEqualTo(10);
		// encrypted at rest: the stored bytes do not contain the secret
		byte[] stored = this.jdbc.sql("select secret from two_factor where user_id = :id")
			.param("id", userId(admin))
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret(admin));

		MvcResult login = this.fx.login(admin, PASSWORD, this.address);
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/login/two-factor");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
		for (String page : List.of("/admin", "/admin/contacts", "/admin/account/two-factor",
				"/admin/settings/two-factor", "/admin/api-keys", "/partner", "/")) {
			MvcResult result = this.mvc.perform(get(page).session(session)).andReturn();
			assertThat(result.getResponse().getStatus()).as(page).isIn(302, 403);
			assertThat(result.getResponse().getContentAsString()).as(page).doesNotContain("console-nav");
		}
		assertThat(this.mvc.perform(get("/admin").session(session)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login/two-factor");
		// no state change before the code either
		int keys = this.jdbc.sql("select count(*) from api_key").query(Integer.class).single();
		this.mvc.perform(post("/admin/api-keys").session(session).with(csrf()).param("name", "sneaky")).andReturn();
		assertThat(this.jdbc.sql("select count(*) from api_key").query(Integer.class).single()).isEqualTo(keys);

		assertThat(this.mvc.perform(get("/login/two-factor").session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(submit(session, "000000").getResponse().getStatus()).as("a wrong code").isEqualTo(422);
		assertThat(submit(session, "12345").getResponse().getStatus()).as("not a code").isEqualTo(422);
		String before = session.getId();
		MvcResult ok = submit(session, nextCode(admin));
		assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/admin");
		assertThat(session.getId()).as("a new session id after the second step").isNotEqualTo(before);
		assertThat(this.mvc.perform(get("/admin").session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(ok.getResponse().getCookie("ph_2fa")).as("not remembered unless asked").isNull();
	}

	@Test
	void aCodeCannotBeUsedTwice() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		enrol(admin);
		String code = nextCode(admin);
		MockHttpSession first = pending(admin);
		assertThat(submit(first, code).getResponse().getRedirectedUrl()).isEqualTo("/admin");
		MockHttpSession second = pending(admin);
		assertThat(submit(second, code).getResponse().getStatus()).as("the same code again").isEqualTo(422);
		assertThat(this.mvc.perform(get("/admin").session(second)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login/two-factor");
		assertThat(submit(second, nextCode(admin)).getResponse().getRedirectedUrl()).as("the next code")
			.isEqualTo("/admin");
	}

	@Test
	void aRecoveryCodeSignsInOnceEvenWhenUsedInParallel() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		String code = enrol(admin).get(3);
		MockHttpSession one = pending(admin);
		MockHttpSession two = pending(admin);
		List<MvcResult> results = parallel(List.of(() -> submit(one, code.toUpperCase()), () -> submit(two, code)));
		assertThat(results).extracting(r -> r.getResponse().getStatus()).containsExactlyInAnyOrder(302, 422);
		assertThat(
				this.jdbc.sql("select count(*) from two_factor_recovery_code where user_id = :id and used_at is null")
					.param("id", userId(admin))
					.query(Integer.class)
					.single())
			.isEqualTo(9);
		MockHttpSession three = pending(admin);
		assertThat(submit(three, code).getResponse().getStatus()).as("used up").isEqualTo(422);
		assertThat(submit(three, enrolCodes.get(4)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
		assertThat(auditActions(admin)).contains("account.two_factor.recovery_code");
	}

	@Test
	void wrongCodesAreCountedBeforeTheyAreCheckedAndLimited() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		enrol(admin);
		MockHttpSession session = pending(admin);
		List<Callable<MvcResult>> guesses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String guess = String.format("%06d", i);
			guesses.add(() -> submit(session, guess));
		}
		List<Integer> statuses = parallel(guesses).stream().map(r -> r.getResponse().getStatus()).toList();
		assertThat(statuses.stream().filter(s -> s == 422).count()).as("codes checked").isEqualTo(5);
		assertThat(statuses.stream().filter(s -> s == 429).count()).as("refused unchecked").isEqualTo(15);
		MvcResult right = submit(session, nextCode(admin));
		assertThat(right.getResponse().getStatus()).as("even the right code waits").isEqualTo(429);
		assertThat(right.getResponse().getContentAsString()).contains("Wait 15 minutes");
		this.clock.advance(Duration.ofMinutes(16));
		MockHttpSession later = pending(admin);
		assertThat(submit(later, nextCode(admin)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
	}

	@Test
	void aRememberedDeviceSkipsTheCodeButAForgedOrOtherUsersCookieDoesNot() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		String other = this.fx.admin(PASSWORD);
		enrol(admin);
		enrol(other);
		MockHttpSession session = pending(admin);
		MvcResult ok = this.mvc
			.perform(post("/login/two-factor").session(session)
				.with(csrf())
				.param("code", nextCode(admin))
				.param("remember", "true"))
			.andReturn();
		assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/admin");
		Cookie remembered = ok.getResponse().getCookie("ph_2fa");
		assertThat(remembered).isNotNull();
		assertThat(remembered.isHttpOnly()).isTrue();
		assertThat(remembered.getMaxAge()).isEqualTo((int) Duration.ofDays(30).toSeconds());
		assertThat(ok.getResponse().getHeaders("Set-Cookie"))
			.anyMatch(h -> h.startsWith("ph_2fa=") && h.contains("SameSite=Lax") && !h.contains("Secure"));

		assertThat(this.fx.landing(admin, PASSWORD, this.address, remembered)).as("this device is remembered")
			.isEqualTo("/admin");
		assertThat(this.fx.landing(other, PASSWORD, this.address, remembered)).as("another admin's cookie")
			.isEqualTo("/login/two-factor");
		String[] parts = remembered.getValue().split("\\.");
		String flipped = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A')
				+ parts[2].substring(1);
		String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86400 * 365) + "." + parts[2];
		String otherUser = userId(other) + "." + parts[1] + "." + parts[2];
		for (String forged : List.of(flipped, longer, otherUser, "garbage", "1.2.3", "x".repeat(1200))) {
			assertThat(this.fx.landing(admin, PASSWORD, this.address, new Cookie("ph_2fa", forged))).as(forged)
				.isEqualTo("/login/two-factor");
		}
		assertThat(this.fx.landing(other, PASSWORD, this.address, new Cookie("ph_2fa", otherUser)))
			.isEqualTo("/login/two-factor");

		// a secure request gets a Secure cookie
		MockHttpSession secure = pending(admin);
		MvcResult overHttps = this.mvc
			.perform(post("/login/two-factor").session(secure)
				.secure(true)
				.with(csrf())
				.param("code", nextCode(admin))
				.param("remember", "true"))
			.andReturn();
		assertThat(overHttps.getResponse().getHeaders("Set-Cookie"))
			.anyMatch(h -> h.startsWith("ph_2fa=") && h.contains("Secure"));

		// a password change revokes it
		assertThat(this.accounts.changePassword(admin, PASSWORD, "two-factor-password-2")).isTrue();
		assertThat(this.fx.landing(admin, "two-factor-password-2", this.address, remembered))
			.isEqualTo("/login/two-factor");
	}

	@Test
	void turningItOffNeedsPasswordAndCodeIsAuditedAndRevokesRememberedDevices() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		enrol(admin);
		MockHttpSession session = pending(admin);
		MvcResult ok = this.mvc
			.perform(post("/login/two-factor").session(session)
				.with(csrf())
				.param("code", nextCode(admin))
				.param("remember", "true"))
			.andReturn();
		Cookie remembered = ok.getResponse().getCookie("ph_2fa");
		assertThat(disable(session, "wrong-password-1", nextCode(admin)).getResponse().getStatus()).isEqualTo(422);
		assertThat(disable(session, PASSWORD, "000000").getResponse().getStatus()).isEqualTo(422);
		assertThat(this.mvc
			.perform(post("/admin/account/two-factor/disable").session(session)
				.param("password", PASSWORD)
				.param("code", nextCode(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).as("no CSRF token").isEqualTo(403);
		assertThat(enabled(admin)).isTrue();
		assertThat(disable(session, PASSWORD, nextCode(admin)).getResponse().getRedirectedUrl())
			.isEqualTo("/admin/account/two-factor");
		assertThat(enabled(admin)).isFalse();
		assertThat(auditActions(admin)).contains("account.two_factor.enable", "account.two_factor.disable");
		assertThat(this.fx.landing(admin, PASSWORD, this.address)).isEqualTo("/admin");

		enrol(admin);
		assertThat(this.fx.landing(admin, PASSWORD, this.address, remembered)).as("the old device cookie is revoked")
			.isEqualTo("/login/two-factor");
	}

	@Test
	void whenAnOwnerRequiresItAdminsWithoutItMustEnrolFirstAndPartnersAndApiKeysAreUnaffected() throws Exception {
		String owner = this.fx.admin(PASSWORD);
		this.jdbc.sql("update user_account set role = 'OWNER' where email = ?").param(owner).update();
		String plainAdmin = this.fx.admin(PASSWORD);
		MockHttpSession adminSession = (MockHttpSession) this.fx.login(plainAdmin, PASSWORD, this.address)
			.getRequest()
			.getSession();
		assertThat(this.mvc
			.perform(post("/admin/settings/two-factor").session(adminSession).with(csrf()).param("required", "true"))
			.andReturn()
			.getResponse()
			.getStatus()).as("only an owner requires it for all").isEqualTo(403);
		MockHttpSession ownerSession = (MockHttpSession) this.fx.login(owner, PASSWORD, this.address)
			.getRequest()
			.getSession();
		try {
			assertThat(this.mvc
				.perform(
						post("/admin/settings/two-factor").session(ownerSession).with(csrf()).param("required", "true"))
				.andReturn()
				.getResponse()
				.getRedirectedUrl()).isEqualTo("/admin/settings/two-factor");
			assertThat(auditActions(owner)).contains("settings.two_factor");

			String admin = this.fx.admin(PASSWORD);
			MvcResult login = this.fx.login(admin, PASSWORD, this.address);
			assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/admin/account/two-factor");
			MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
			for (String page : List.of("/admin", "/admin/contacts", "/admin/settings/two-factor",
					"/login/two-factor")) {
				MvcResult result = this.mvc.perform(get(page).session(session)).andReturn();
				assertThat(result.getResponse().getRedirectedUrl()).as(page).isEqualTo("/admin/account/two-factor");
			}
			assertThat(this.mvc
				.perform(post("/admin/settings/two-factor").session(session).with(csrf()).param("required", "false"))
				.andReturn()
				.getResponse()
				.getRedirectedUrl()).as("cannot lift the rule itself").isEqualTo("/admin/account/two-factor");
			MvcResult page = this.mvc.perform(get("/admin/account/two-factor").session(session)).andReturn();
			assertThat(page.getResponse().getStatus()).isEqualTo(200);
			assertThat(page.getResponse().getContentAsString()).contains("must-enrol");
			this.mvc.perform(post("/admin/account/two-factor/start").session(session).with(csrf())).andReturn();
			MvcResult enrolPage = this.mvc.perform(get("/admin/account/two-factor").session(session)).andReturn();
			assertThat(enrolPage.getResponse().getContentAsString()).contains("data:image/png;base64,")
				.contains(secret(admin));
			MvcResult confirmed = this.mvc
				.perform(post("/admin/account/two-factor/confirm").session(session)
					.with(csrf())
					.param("code", nextCode(admin)))
				.andReturn();
			assertThat(confirmed.getResponse().getContentAsString()).contains("recovery-codes");
			assertThat(this.mvc.perform(get("/admin").session(session)).andReturn().getResponse().getStatus())
				.as("enrolled: the console opens")
				.isEqualTo(200);
			assertThat(this.fx.landing(admin, PASSWORD, this.address)).isEqualTo("/login/two-factor");
			MockHttpSession fresh = pending(admin);
			assertThat(disable(fresh, PASSWORD, nextCode(admin)).getResponse().getStatus())
				.as("cannot be turned off while required")
				.isEqualTo(409);
			assertThat(enabled(admin)).isTrue();

			// partners and API keys are not affected
			String partner = this.fx.partner(PASSWORD);
			assertThat(this.fx.landing(partner, PASSWORD, this.address)).isEqualTo("/partner");
			assertThat(this.mvc.perform(get("/api/v1/programs").header("Authorization", IntegrationTest.BEARER))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(200);
		}
		finally {
			this.jdbc.sql("update two_factor_policy set required_for_admins = false").update();
		}
	}

	@Test
	void newRecoveryCodesReplaceTheOldSetAtOnceAndOnlyACurrentCodeMakesThem() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		List<String> old = enrol(admin);
		MockHttpSession session = pending(admin);
		assertThat(submit(session, nextCode(admin)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
		List<byte[]> hashesBefore = recoveryHashes(admin);

		assertThat(regenerate(session, "000000").getResponse().getStatus()).as("a wrong code").isEqualTo(422);
		assertThat(regenerate(session, old.get(0)).getResponse().getStatus()).as("a recovery code does not do")
			.isEqualTo(422);
		assertThat(this.mvc
			.perform(post("/admin/account/two-factor/recovery-codes").session(session).param("code", nextCode(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).as("no CSRF token").isEqualTo(403);
		assertThat(recoveryHashes(admin)).as("refused: the codes are unchanged")
			.usingRecursiveFieldByFieldElementComparator()
			.containsExactlyInAnyOrderElementsOf(hashesBefore);
		assertThat(auditActions(admin)).doesNotContain("account.two_factor.recovery_codes");

		MvcResult made = regenerate(session, nextCode(admin));
		assertThat(made.getResponse().getStatus()).isEqualTo(200);
		assertThat(made.getResponse().getContentAsString()).contains("New recovery codes")
			.contains("old-codes-revoked");
		List<String> fresh = recoveryCodes(made);
		assertThat(fresh).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(old);
		assertThat(auditActions(admin)).contains("account.two_factor.recovery_codes");
		MvcResult page = this.mvc.perform(get("/admin/account/two-factor").session(session)).andReturn();
		assertThat(page.getResponse().getContentAsString()).as("shown once")
			.doesNotContain(fresh.get(0))
			.contains("10 of 10 recovery codes unused");

		// the old set (one of which was unused) stops working at once, the new one works
		// once per code
		MockHttpSession withOld = pending(admin);
		assertThat(submit(withOld, old.get(1)).getResponse().getStatus()).isEqualTo(422);
		assertThat(submit(withOld, fresh.get(0)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
		assertThat(submit(pending(admin), fresh.get(0)).getResponse().getStatus()).as("used already").isEqualTo(422);
		assertThat(submit(pending(admin), fresh.get(1)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
	}

	@Test
	void requiringItSendsOpenSessionsOfMembersWithoutItToEnrolmentAtTheirNextConsoleRequest() throws Exception {
		String owner = this.fx.admin(PASSWORD);
		this.jdbc.sql("update user_account set role = 'OWNER' where email = ?").param(owner).update();
		enrol(owner);
		MockHttpSession ownerSession = pending(owner);
		assertThat(submit(ownerSession, nextCode(owner)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
		// a team member and a partner, logged in before the rule
		String member = this.fx.admin(PASSWORD);
		MvcResult memberLogin = this.fx.login(member, PASSWORD, this.address);
		assertThat(memberLogin.getResponse().getRedirectedUrl()).isEqualTo("/admin");
		MockHttpSession memberSession = (MockHttpSession) memberLogin.getRequest().getSession();
		assertThat(status(get("/admin/contacts"), memberSession)).isEqualTo(200);
		String partner = this.fx.partner(PASSWORD);
		MockHttpSession partnerSession = (MockHttpSession) this.fx.login(partner, PASSWORD, this.address)
			.getRequest()
			.getSession();
		try {
			assertThat(this.mvc
				.perform(
						post("/admin/settings/two-factor").session(ownerSession).with(csrf()).param("required", "true"))
				.andReturn()
				.getResponse()
				.getRedirectedUrl()).isEqualTo("/admin/settings/two-factor");

			for (String page : List.of("/admin", "/admin/contacts", "/admin/settings/two-factor")) {
				MvcResult result = this.mvc.perform(get(page).session(memberSession)).andReturn();
				assertThat(result.getResponse().getRedirectedUrl()).as(page).isEqualTo("/admin/account/two-factor");
			}
			MvcResult write = this.mvc
				.perform(post("/admin/api-keys").session(memberSession).with(csrf()).param("name", "not while due"))
				.andReturn();
			assertThat(write.getResponse().getRedirectedUrl()).as("no form either")
				.isEqualTo("/admin/account/two-factor");
			assertThat(this.jdbc.sql("select count(*) from api_key where name = 'not while due'")
				.query(Integer.class)
				.single()).isZero();
			MvcResult enrolment = this.mvc.perform(get("/admin/account/two-factor").session(memberSession)).andReturn();
			assertThat(enrolment.getResponse().getStatus()).isEqualTo(200);
			assertThat(enrolment.getResponse().getContentAsString()).contains("must-enrol");

			// the enrolled owner and the partner keep working
			assertThat(status(get("/admin/contacts"), ownerSession)).isEqualTo(200);
			assertThat(status(get("/partner"), partnerSession)).isEqualTo(200);

			// after enrolling the member works again (under a new session id)
			this.mvc.perform(post("/admin/account/two-factor/start").session(memberSession).with(csrf())).andReturn();
			String before = memberSession.getId();
			MvcResult confirmed = this.mvc
				.perform(post("/admin/account/two-factor/confirm").session(memberSession)
					.with(csrf())
					.param("code", nextCode(member)))
				.andReturn();
			assertThat(recoveryCodes(confirmed)).hasSize(10);
			assertThat(memberSession.getId()).isNotEqualTo(before);
			assertThat(status(get("/admin/contacts"), memberSession)).isEqualTo(200);
		}
		finally {
			this.jdbc.sql("update two_factor_policy set required_for_admins = false").update();
		}
	}

	@Test
	void payoutDetailsAndTwoFactorSecretsHaveOneCipherEachWithItsOwnSetting() {
		assertThat(this.context.getBeansOfType(AesGcm.class).values()).extracting(AesGcm::setting)
			.containsExactlyInAnyOrder("partnerhub.payouts.encryption-key", "partnerhub.two-factor.encryption-key");
	}

	@Test
	void theCodePageIsOnlyForAHalfFinishedSignIn() throws Exception {
		assertThat(this.mvc.perform(get("/login/two-factor")).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(this.mvc.perform(post("/login/two-factor").with(csrf()).param("code", "123456"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).endsWith("/login");
		String admin = this.fx.admin(PASSWORD);
		MockHttpSession full = (MockHttpSession) this.fx.login(admin, PASSWORD, this.address).getRequest().getSession();
		assertThat(this.mvc.perform(get("/login/two-factor").session(full)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		enrol(admin);
		MockHttpSession session = pending(admin);
		assertThat(this.mvc.perform(post("/login/two-factor").session(session).param("code", nextCode(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).as("no CSRF token").isEqualTo(403);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(submit(session, nextCode(admin)).getResponse().getRedirectedUrl()).as("waited too long")
			.isEqualTo("/login?twoFactorExpired");
	}

	@Test
	void aSecretThatCannotBeDecryptedRefusesCodesButARecoveryCodeStillSignsIn() throws Exception {
		String admin = this.fx.admin(PASSWORD);
		List<String> recovery = enrol(admin);
		// as if partnerhub.two-factor.encryption-key had been changed
		this.jdbc.sql("update two_factor set secret = :other where user_id = :id")
			.param("other",
					new AesGcm(null, java.util.Base64.getEncoder().encodeToString(new byte[32]), "test")
						.encrypt("JBSWY3DPEHPK3PXP"))
			.param("id", userId(admin))
			.update();
		MockHttpSession session = pending(admin);
		assertThat(submit(session, "123456").getResponse().getStatus()).as("no 500").isEqualTo(422);
		assertThat(submit(session, recovery.get(0)).getResponse().getRedirectedUrl()).isEqualTo("/admin");
	}

	// --- helpers

	private List<String> enrolCodes = List.of();

	/** Enrols the admin through the pages (his own full session); the recovery codes. */
	private List<String> enrol(String admin) throws Exception {
		MockHttpSession session = (MockHttpSession) this.fx.login(admin, PASSWORD, this.address)
			.getRequest()
			.getSession();
		assertThat(this.mvc.perform(get("/admin").session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		this.mvc.perform(post("/admin/account/two-factor/start").session(session).with(csrf())).andReturn();
		MvcResult page = this.mvc.perform(get("/admin/account/two-factor").session(session)).andReturn();
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("src=\"data:image/png;base64,").contains(secret(admin));
		assertThat(this.mvc
			.perform(post("/admin/account/two-factor/confirm").session(session).with(csrf()).param("code", "000000"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(422);
		MvcResult confirmed = this.mvc.perform(
				post("/admin/account/two-factor/confirm").session(session).with(csrf()).param("code", nextCode(admin)))
			.andReturn();
		Matcher codes = Pattern.compile("<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</li>")
			.matcher(confirmed.getResponse().getContentAsString());
		List<String> found = new ArrayList<>();
		while (codes.find()) {
			found.add(codes.group(1));
		}
		this.enrolCodes = found;
		assertThat(enabled(admin)).isTrue();
		return found;
	}

	private MvcResult regenerate(MockHttpSession session, String code) throws Exception {
		return this.mvc
			.perform(post("/admin/account/two-factor/recovery-codes").session(session).with(csrf()).param("code", code))
			.andReturn();
	}

	private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			MockHttpSession session) throws Exception {
		return this.mvc.perform(request.session(session)).andReturn().getResponse().getStatus();
	}

	/** The recovery codes a page shows. */
	private static List<String> recoveryCodes(MvcResult result) throws Exception {
		Matcher codes = Pattern.compile("<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</li>")
			.matcher(result.getResponse().getContentAsString());
		List<String> found = new ArrayList<>();
		while (codes.find()) {
			found.add(codes.group(1));
		}
		return found;
	}

	private List<byte[]> recoveryHashes(String admin) {
		return this.jdbc.sql("select code_hash from two_factor_recovery_code where user_id = :id and used_at is null")
			.param("id", userId(admin))
			.query(byte[].class)
			.list();
	}

	/** A session whose password was right and which waits for its code. */
	private MockHttpSession pending(String admin) throws Exception {
		MvcResult login = this.fx.login(admin, currentPassword(admin), this.address);
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/login/two-factor");
		return (MockHttpSession) login.getRequest().getSession();
	}

	private String currentPassword(String admin) {
		return PASSWORD;
	}

	private MvcResult submit(MockHttpSession session, String code) throws Exception {
		return this.mvc.perform(post("/login/two-factor").session(session).with(csrf()).param("code", code))
			.andReturn();
	}

	private MvcResult disable(MockHttpSession session, String password, String code) throws Exception {
		if (this.mvc.perform(get("/admin").session(session)).andReturn().getResponse().getStatus() != 200) {
			assertThat(submit(session, nextCode(sessionUser(session))).getResponse().getRedirectedUrl())
				.isEqualTo("/admin");
		}
		return this.mvc
			.perform(post("/admin/account/two-factor/disable").session(session)
				.with(csrf())
				.param("password", password)
				.param("code", code))
			.andReturn();
	}

	private String sessionUser(MockHttpSession session) {
		Object context = session.getAttribute("SPRING_SECURITY_CONTEXT");
		return ((org.springframework.security.core.context.SecurityContext) context).getAuthentication().getName();
	}

	/**
	 * A code no earlier request used: one time step (30 s) later than the last (the
	 * application's clock moves with it).
	 */
	private String nextCode(String admin) throws Exception {
		this.clock.advance(Duration.ofSeconds(30));
		long step = Math.floorDiv(this.clock.instant().getEpochSecond(), 30);
		return new DefaultCodeGenerator().generate(secret(admin), step);
	}

	/** The stored TOTP secret, decrypted with the (development) key. */
	private String secret(String admin) {
		byte[] stored = this.jdbc.sql("select secret from two_factor where user_id = :id")
			.param("id", userId(admin))
			.query(byte[].class)
			.single();
		return new AesGcm(null, TwoFactorService.DEVELOPMENT_KEY, "test").decrypt(stored);
	}

	private boolean enabled(String admin) {
		return this.jdbc.sql("select count(*) from two_factor where user_id = :id and enabled_at is not null")
			.param("id", userId(admin))
			.query(Integer.class)
			.single() == 1;
	}

	private long userId(String email) {
		return this.jdbc.sql("select id from user_account where lower(email) = lower(:email)")
			.param("email", email)
			.query(Long.class)
			.single();
	}

	private List<String> auditActions(String actor) {
		return this.jdbc.sql("select action from audit_entry where actor = :actor")
			.param("actor", actor)
			.query(String.class)
			.list();
	}

	private static List<MvcResult> parallel(List<Callable<MvcResult>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<MvcResult>> futures = new ArrayList<>();
			for (Callable<MvcResult> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<MvcResult> results = new ArrayList<>();
			for (Future<MvcResult> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
