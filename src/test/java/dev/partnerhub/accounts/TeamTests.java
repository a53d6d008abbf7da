package dev.partnerhub.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.accounts.domain.TeamService;
import dev.partnerhub.accounts.domain.TeamService.Manager;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.support.ConflictException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.partnerhub.accounts.LoginFixtures.from;
import static dev.partnerhub.accounts.LoginFixtures.ip;
import static dev.partnerhub.accounts.LoginFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 18, Team: roles owner, admin, finance and viewer; the users page and
 * {@code /api/v1/users}; invitations by e-mail (GreenMail); deactivation and role changes
 * end sessions at once; there is always an active owner, also under parallel requests;
 * the audit log names the user and his role.
 */
@IntegrationTest
class TeamTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	static final String PASSWORD = "team-password-1";

	static final String OWNER = "admin@test.local";

	static final String OWNER_PASSWORD = "admin-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	TeamService team;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession owner;

	@BeforeEach
	void setUp() throws Exception {
		this.owner = login(OWNER, OWNER_PASSWORD);
	}

	@Test
	void theBootstrapAdminIsTheOwner() {
		assertThat(role(OWNER)).isEqualTo("OWNER");
	}

	@Test
	void theApiInvitesAFinanceUserWhoSetsHisPasswordFromTheEmailLogsInAndIsListedWithHisLastLogin() throws Exception {
		String email = unique("fin") + "@team.test";
		MockHttpServletResponse created = api(post("/api/v1/users"), """
				{"email": "%s", "role": "finance"}""".formatted(email));
		assertThat(created.getStatus()).isEqualTo(201);
		String body = created.getContentAsString();
		assertThat((String) JsonPath.read(body, "$.email")).isEqualTo(email);
		assertThat((String) JsonPath.read(body, "$.role")).isEqualTo("finance");
		assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("invited");
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/users/" + JsonPath.read(body, "$.id"));
		assertThat(audit("user.invite", email)).isEqualTo(1);
		// no password yet: no login
		assertThat(landing(email, "whatever-it-is-1")).isEqualTo("/login?inactive");

		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(greenMail, email);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.body(received.get(0))).contains("Finance", "api-key:bootstrap", email);
		String link = URI.create(Mailbox.link(received.get(0), "/account/set-password")).getRawQuery();
		String token = link.substring(link.indexOf("token=") + 6);
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", PASSWORD)
				.param("confirm", PASSWORD)
				.with(csrf()))
			.andReturn();
		assertThat(landing(email, PASSWORD)).isEqualTo("/admin");

		String list = api(get("/api/v1/users").param("size", "500"), null).getContentAsString();
		assertThat((List<String>) JsonPath.read(list, "$.items[?(@.email == '" + email + "')].status"))
			.containsExactly("active");
		assertThat((List<String>) JsonPath.read(list, "$.items[?(@.email == '" + email + "')].lastLoginAt")).hasSize(1)
			.doesNotContainNull();
		assertThat((List<String>) JsonPath.read(list, "$.items[*].role")).doesNotContain("partner");
		String docs = this.mvc.perform(get("/v3/api-docs").session(this.owner))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<String>) JsonPath.read(docs, "$.paths['/api/v1/users'].post.tags[*]"))
			.containsExactly("Users");
	}

	@Test
	void theApiRefusesBadInputWithProblemJsonAndAnExistingUserWith409() throws Exception {
		for (String json : List.of("{\"email\": \"not-an-address\", \"role\": \"viewer\"}",
				"{\"email\": \"%s\", \"role\": \"boss\"}", "{\"email\": \"%s\", \"role\": \"partner\"}",
				"{\"email\": \"%s\"}", "{\"email\": \"%s\", \"role\": \"viewer\", \"extra\": 1}", "[]", "{")) {
			MockHttpServletResponse response = api(post("/api/v1/users"), json.formatted(unique("bad") + "@team.test"));
			assertThat(response.getStatus()).as(json).isEqualTo(400);
			assertThat(response.getContentType()).as(json).startsWith("application/problem+json");
		}
		MockHttpServletResponse taken = api(post("/api/v1/users"), """
				{"email": "ADMIN@test.local", "role": "viewer"}""");
		assertThat(taken.getStatus()).isEqualTo(409);
		assertThat(taken.getContentType()).startsWith("application/problem+json");
		// an API key acts as an admin: it cannot make owners
		String email = unique("own") + "@team.test";
		MockHttpServletResponse owner = api(post("/api/v1/users"), """
				{"email": "%s", "role": "owner"}""".formatted(email));
		assertThat(owner.getStatus()).isEqualTo(403);
		assertThat(this.accounts.hasLogin(email)).isFalse();
	}

	@Test
	void theUsersPageListsInvitesAndNeedsAnAdminAndTheCsrfToken() throws Exception {
		String email = unique("page") + "@team.test";
		MvcResult invited = this.mvc
			.perform(post("/admin/users").session(this.owner)
				.with(csrf())
				.param("email", email)
				.param("name", "Vic Viewer")
				.param("role", "VIEWER"))
			.andReturn();
		assertThat(invited.getResponse().getRedirectedUrl()).isEqualTo("/admin/users");
		assertThat(role(email)).isEqualTo("VIEWER");
		String page = this.mvc.perform(get("/admin/users").param("size", "200").session(this.owner))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(email, "Vic Viewer", "Invited", "name=\"_csrf\"");

		String other = unique("nocsrf") + "@team.test";
		assertThat(status(post("/admin/users").session(this.owner).param("email", other).param("role", "VIEWER")))
			.isEqualTo(403);
		MockHttpSession viewer = login(member("VIEWER"), PASSWORD);
		assertThat(status(get("/admin/users").session(viewer))).isEqualTo(200);
		assertThat(
				status(post("/admin/users").session(viewer).with(csrf()).param("email", other).param("role", "VIEWER")))
			.isEqualTo(403);
		MockHttpSession finance = login(member("FINANCE"), PASSWORD);
		assertThat(status(
				post("/admin/users").session(finance).with(csrf()).param("email", other).param("role", "VIEWER")))
			.isEqualTo(403);
		assertThat(this.accounts.hasLogin(other)).isFalse();
		// a bad address is a message, not an error page
		MvcResult bad = this.mvc.perform(
				post("/admin/users").session(this.owner).with(csrf()).param("email", "nope").param("role", "VIEWER"))
			.andReturn();
		assertThat(bad.getFlashMap().get("error")).asString().contains("valid e-mail");
	}

	@Test
	void deactivatingEndsTheUsersSessionsAtOnceAndRefusesHisLoginUntilReactivated() throws Exception {
		String email = member("VIEWER");
		MockHttpSession viewer = login(email, PASSWORD);
		assertThat(status(get("/admin").session(viewer))).isEqualTo(200);
		long id = id(email);

		assertThat(status(post("/admin/users/" + id + "/deactivate").session(this.owner).with(csrf()))).isEqualTo(302);
		MvcResult next = this.mvc.perform(get("/admin").session(viewer)).andReturn();
		assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
		assertThat(landing(email, PASSWORD)).isEqualTo("/login?inactive");
		assertThat(this.mvc.perform(get("/admin/users").param("size", "200").session(this.owner))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Deactivated");
		assertThat(audit("user.deactivate", String.valueOf(id))).isEqualTo(1);

		assertThat(status(post("/admin/users/" + id + "/reactivate").session(this.owner).with(csrf()))).isEqualTo(302);
		assertThat(landing(email, PASSWORD)).isEqualTo("/admin");
		assertThat(audit("user.reactivate", String.valueOf(id))).isEqualTo(1);
	}

	@Test
	void aRoleChangeEndsTheSessionsAndHoldsFromTheNextLogin() throws Exception {
		String email = member("FINANCE");
		MockHttpSession finance = login(email, PASSWORD);
		assertThat(status(post("/admin/payouts/987654321/cancel").session(finance).with(csrf())))
			.as("finance may act on payouts")
			.isNotEqualTo(403);
		assertThat(status(
				post("/admin/users/" + id(email) + "/role").session(this.owner).with(csrf()).param("role", "VIEWER")))
			.isEqualTo(302);
		assertThat(role(email)).isEqualTo("VIEWER");
		assertThat(this.mvc.perform(get("/admin").session(finance)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?expired");
		MockHttpSession viewer = login(email, PASSWORD);
		assertThat(status(post("/admin/payouts/987654321/cancel").session(viewer).with(csrf()))).isEqualTo(403);
		assertThat(audit("user.role", String.valueOf(id(email)))).isEqualTo(1);
	}

	@Test
	void anAdminManagesAdminsFinanceAndViewersButNotOwnersNorHimself() throws Exception {
		String adminEmail = member("ADMIN");
		MockHttpSession admin = login(adminEmail, PASSWORD);
		String ownerEmail = member("OWNER");
		long ownerId = id(ownerEmail);
		assertThat(status(post("/admin/users/" + ownerId + "/deactivate").session(admin).with(csrf()))).isEqualTo(403);
		assertThat(
				status(post("/admin/users/" + ownerId + "/role").session(admin).with(csrf()).param("role", "VIEWER")))
			.isEqualTo(403);
		String viewer = member("VIEWER");
		assertThat(
				status(post("/admin/users/" + id(viewer) + "/role").session(admin).with(csrf()).param("role", "OWNER")))
			.isEqualTo(403);
		assertThat(status(post("/admin/users").session(admin)
			.with(csrf())
			.param("email", unique("o") + "@team.test")
			.param("role", "OWNER"))).isEqualTo(403);
		assertThat(role(ownerEmail)).isEqualTo("OWNER");
		assertThat(role(viewer)).isEqualTo("VIEWER");
		// what an admin may do
		assertThat(status(
				post("/admin/users/" + id(viewer) + "/role").session(admin).with(csrf()).param("role", "FINANCE")))
			.isEqualTo(302);
		assertThat(role(viewer)).isEqualTo("FINANCE");
		// not himself
		MvcResult self = this.mvc
			.perform(post("/admin/users/" + id(adminEmail) + "/deactivate").session(admin).with(csrf()))
			.andReturn();
		assertThat(self.getFlashMap().get("error")).asString().contains("yourself");
		assertThat(status(get("/admin").session(admin))).isEqualTo(200);
	}

	@Test
	void theLastActiveOwnerCannotBeDemotedOrDeactivated() {
		String only = member("OWNER");
		List<Long> others = parkOtherOwners(only);
		try {
			Manager someone = new Manager("someone-else@team.test", Role.OWNER);
			long id = id(only);
			assertThat(catchConflict(() -> this.team.deactivate(someone, id))).isTrue();
			assertThat(catchConflict(() -> this.team.changeRole(someone, id, "ADMIN"))).isTrue();
			assertThat(role(only)).isEqualTo("OWNER");
		}
		finally {
			restore(others);
		}
	}

	@Test
	void twoOwnersRemovingEachOtherInParallelLeaveOneOwner() throws Exception {
		for (int round = 0; round < 6; round++) {
			String a = member("OWNER");
			String b = member("OWNER");
			List<Long> others = parkOtherOwners(a, b);
			try {
				long idA = id(a);
				long idB = id(b);
				boolean demote = round % 2 == 0;
				CountDownLatch start = new CountDownLatch(1);
				ExecutorService pool = Executors.newFixedThreadPool(2);
				List<Future<Boolean>> results = new ArrayList<>();
				for (Callable<Object> change : List.<Callable<Object>>of(
						() -> demote ? this.team.changeRole(new Manager(b, Role.OWNER), idA, "ADMIN")
								: this.team.deactivate(new Manager(b, Role.OWNER), idA),
						() -> demote ? this.team.changeRole(new Manager(a, Role.OWNER), idB, "VIEWER")
								: this.team.deactivate(new Manager(a, Role.OWNER), idB))) {
					results.add(pool.submit(() -> {
						start.await();
						try {
							change.call();
							return true;
						}
						catch (ConflictException ex) {
							return false;
						}
					}));
				}
				start.countDown();
				int succeeded = 0;
				for (Future<Boolean> result : results) {
					succeeded += result.get() ? 1 : 0;
				}
				pool.shutdown();
				assertThat(succeeded).as("round " + round).isEqualTo(1);
				assertThat(this.jdbc
					.sql("select count(*) from user_account where role = 'OWNER' and enabled and id in (:a, :b)")
					.param("a", idA)
					.param("b", idB)
					.query(Long.class)
					.single()).as("round " + round).isEqualTo(1);
			}
			finally {
				restore(others);
			}
		}
	}

	@Test
	void theAuditLogNamesTheUserAndHisRole() throws Exception {
		String email = member("ADMIN");
		this.jdbc.sql("update user_account set name = 'Ada Auditable' where email = ?").param(email).update();
		MockHttpSession admin = login(email, PASSWORD);
		String invited = unique("aud") + "@team.test";
		this.mvc
			.perform(post("/admin/users").session(admin).with(csrf()).param("email", invited).param("role", "VIEWER"))
			.andReturn();
		assertThat(audit("user.invite", invited)).isEqualTo(1);
		String page = this.mvc.perform(get("/admin/audit").param("actor", email).session(this.owner))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Ada Auditable", email, ">Admin<");
		String csv = this.mvc.perform(get("/admin/audit.csv").param("actor", email).session(this.owner))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.lines().skip(1).toList()).isNotEmpty()
			.allSatisfy(line -> assertThat(line).endsWith(",Ada Auditable,Admin"));
	}

	// --- helpers

	/** A console user with a password and this role; his e-mail. */
	String member(String role) {
		String email = unique(role.toLowerCase()) + "@team.test";
		this.accounts.createAdmin(email, PASSWORD);
		this.jdbc.sql("update user_account set role = ? where email = ?").params(role, email).update();
		return email;
	}

	/**
	 * Deactivates every other active owner (other tests' and the bootstrap admin) for a
	 * moment: the "last owner" rule counts them all. Tests run one at a time.
	 */
	List<Long> parkOtherOwners(String... keep) {
		return this.jdbc.sql("""
				update user_account set enabled = false
				where role = 'OWNER' and enabled and lower(email) <> all (:keep) returning id
				""")
			.param("keep", java.util.Arrays.stream(keep).map(String::toLowerCase).toArray(String[]::new))
			.query(Long.class)
			.list();
	}

	void restore(List<Long> owners) {
		if (!owners.isEmpty()) {
			this.jdbc.sql("update user_account set enabled = true where id in (:ids)").param("ids", owners).update();
		}
	}

	static boolean catchConflict(Runnable action) {
		try {
			action.run();
			return false;
		}
		catch (ConflictException ex) {
			return true;
		}
	}

	MockHttpSession login(String email, String password) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/login").param("username", email).param("password", password).with(csrf()).with(from(ip())))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as("login of " + email).isEqualTo("/admin");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	String landing(String email, String password) throws Exception {
		return this.mvc
			.perform(post("/login").param("username", email).param("password", password).with(csrf()).with(from(ip())))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	int status(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	MockHttpServletResponse api(MockHttpServletRequestBuilder request, String json) throws Exception {
		request.header("Authorization", IntegrationTest.BEARER);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	String role(String email) {
		return this.jdbc.sql("select role from user_account where lower(email) = lower(?)")
			.param(email)
			.query(String.class)
			.single();
	}

	long id(String email) {
		return this.jdbc.sql("select id from user_account where lower(email) = lower(?)")
			.param(email)
			.query(Long.class)
			.single();
	}

	long audit(String action, String subjectOrText) {
		return this.jdbc.sql("""
				select count(*) from audit_entry
				where action = ? and (subject_id = ? or after_value like ?)
				""").params(action, subjectOrText, "%" + subjectOrText + "%").query(Long.class).single();
	}

}
