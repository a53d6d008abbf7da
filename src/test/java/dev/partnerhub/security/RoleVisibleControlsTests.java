package dev.partnerhub.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.security.AuthorizationMatrixTests.Endpoint;
import dev.partnerhub.security.AuthorizationMatrixTests.Zone;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 18: the console shows a viewer or a finance user only the write controls his role
 * may use, and the audit log keeps the role an actor had when he decided.
 * <p>
 * Every console page of the authorization matrix's GET list (same endpoints, same ids) is
 * read as a viewer and as a finance user; every {@code <form method=post>} on it and
 * every link to a create or edit page is then tried as that user through the real
 * security filter chain (ending in a servlet that does nothing, so no control is used): a
 * control he would get a 403 for is a dead button.
 */
@IntegrationTest
class RoleVisibleControlsTests {

	/** A link to a page whose form creates or changes something. */
	private static final Pattern CREATE_OR_EDIT = Pattern.compile(".*/(new|edit)$");

	/**
	 * What partners are owed, before a batch is made: a page every role may read (its
	 * "create batch" form is a post form, checked like any other).
	 */
	private static final String PAYOUT_PREVIEW = "/admin/payouts/new";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	WebApplicationContext web;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	@Qualifier("springSecurityFilterChain")
	Filter security;

	@Test
	void viewersAndFinanceUsersSeeOnlyTheWriteControlsTheirRoleMayUse() throws Exception {
		SecurityFixtures fx = new SecurityFixtures(this.mvc, this.jdbc);
		List<String> pages = new ArrayList<>();
		for (Endpoint endpoint : AuthorizationMatrixTests.endpoints(this.context)) {
			if (endpoint.method() == HttpMethod.GET && Zone.of(endpoint.pattern()) == Zone.ADMIN
					&& endpoint.pattern().startsWith("/admin")) {
				pages.add(url(endpoint, fx));
			}
		}
		List<String> deadControls = new ArrayList<>();
		for (String role : List.of("VIEWER", "FINANCE")) {
			MockHttpSession session = fx.login(teamMember(role), SecurityFixtures.PASSWORD);
			int htmlPages = 0;
			int controls = 0;
			List<String> skipped = new ArrayList<>();
			for (String page : pages) {
				Document html = html(page, session);
				if (html == null) {
					skipped.add(page);
					continue;
				}
				htmlPages++;
				for (Map.Entry<String, String> control : writeControls(html).entrySet()) {
					controls++;
					if (control.getValue().equals("/logout")) {
						continue; // everybody may; trying it would end this session
					}
					if (!allowed(control.getValue(), session)) {
						deadControls
							.add(role + " on " + page + ": POST " + control.getValue() + " " + control.getKey());
					}
				}
			}
			// the walk reached the console's pages and found the controls he keeps
			// (log-out, his own two-factor sign-in)
			assertThat(htmlPages).as(role + "'s pages; not HTML: " + skipped).isGreaterThan(40);
			assertThat(controls).as(role + "'s usable controls").isGreaterThan(40);
		}
		assertThat(deadControls).as("controls shown to a user whose role gets a 403 for them").isEmpty();
	}

	@Test
	void eachRoleStillSeesWhatItMayDoAndAViewerIsToldWhatHeCannot() throws Exception {
		SecurityFixtures fx = new SecurityFixtures(this.mvc, this.jdbc);
		MockHttpSession viewer = fx.login(teamMember("VIEWER"), SecurityFixtures.PASSWORD);
		MockHttpSession finance = fx.login(teamMember("FINANCE"), SecurityFixtures.PASSWORD);
		MockHttpSession owner = fx.login("admin@test.local", "admin-password-1");
		String payout = "/admin/payouts/" + fx.b.payoutId();
		String partner = "/admin/partners/" + fx.b.partnerId();

		// finance decides payouts, the viewer only reads them
		assertThat(postForms(html(payout, finance))).anyMatch(a -> a.endsWith("/cancel"));
		assertThat(postForms(html(payout, viewer))).noneMatch(a -> a.startsWith("/admin"));
		assertThat(html(payout, viewer).text()).contains(fx.b.payoutEmail());
		// a partner is changed by admins: finance and viewer see him without Edit
		assertThat(html(partner, owner).select("a[href=" + partner + "/edit]")).isNotEmpty();
		assertThat(html(partner, finance).select("a[href=" + partner + "/edit]")).isEmpty();
		assertThat(html(partner, viewer).select("a[href=" + partner + "/edit]")).isEmpty();
		assertThat(html(partner, viewer).text()).contains(fx.b.email());
		// everybody keeps log-out and the filters (GET forms)
		Document commissions = html("/admin/commissions", viewer);
		assertThat(postForms(commissions)).contains("/logout");
		assertThat(commissions.select("form[method=get]")).isNotEmpty();
		assertThat(html("/admin/programs", owner).select("a[href=/admin/programs/new]")).isNotEmpty();
		assertThat(html("/admin/programs", viewer).select("a[href=/admin/programs/new]")).isEmpty();
		// a page that is all form says why there is nothing to change
		assertThat(html("/admin/settings", viewer).text()).contains("Your role (viewer) can't change this");
		assertThat(html("/admin/settings", owner).text()).doesNotContain("can't change this");
	}

	/**
	 * Issue 15: a viewer who opens a create or edit page by its address sees it without
	 * its form and, once, a note saying why; an admin sees the form and no note.
	 */
	@Test
	void aViewerOnACreateOrEditPageIsToldWhyThereIsNoForm() throws Exception {
		SecurityFixtures fx = new SecurityFixtures(this.mvc, this.jdbc);
		MockHttpSession viewer = fx.login(teamMember("VIEWER"), SecurityFixtures.PASSWORD);
		MockHttpSession owner = fx.login("admin@test.local", "admin-password-1");
		List<String> pages = new ArrayList<>();
		for (Endpoint endpoint : AuthorizationMatrixTests.endpoints(this.context)) {
			if (endpoint.method() == HttpMethod.GET && Zone.of(endpoint.pattern()) == Zone.ADMIN
					&& endpoint.pattern().startsWith("/admin/") && CREATE_OR_EDIT.matcher(endpoint.pattern()).matches()
					// a preview: its batch forms are there only when something is payable
					&& !endpoint.pattern().equals(PAYOUT_PREVIEW)) {
				pages.add(url(endpoint, fx));
			}
		}
		assertThat(pages).as("the matrix's create and edit pages").hasSizeGreaterThan(15);
		List<String> wrong = new ArrayList<>();
		List<String> checked = new ArrayList<>();
		for (String page : pages) {
			Document asViewer = html(page, viewer);
			Document asOwner = html(page, owner);
			if (asViewer == null && asOwner == null) {
				continue; // B has no such object (the matrix's 987654321: 404 for
							// everybody)
			}
			if (asViewer == null || asOwner == null) {
				wrong.add(page + ": an HTML page for one of them only");
				continue;
			}
			checked.add(page);
			List<String> notes = readOnlyNotes(asViewer);
			if (!notes.equals(List.of("Your role (viewer) can't change this."))) {
				wrong.add(page + ": the viewer's notes " + notes);
			}
			if (postForms(asViewer).stream().anyMatch(target -> target.startsWith("/admin"))) {
				wrong.add(page + ": the viewer got a post form " + postForms(asViewer));
			}
			if (!readOnlyNotes(asOwner).isEmpty() || asOwner.text().contains("can't change this")) {
				wrong.add(page + ": the owner got a note");
			}
			if (postForms(asOwner).stream().noneMatch(target -> target.startsWith("/admin"))) {
				wrong.add(page + ": the owner got no form");
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(checked).as("create and edit pages with their forms")
			.hasSizeGreaterThan(12)
			.contains("/admin/programs/new", "/admin/partners/new", "/admin/contacts/new")
			.anyMatch(page -> page.endsWith("/edit"));
		// the note names the user's role
		MockHttpSession finance = fx.login(teamMember("FINANCE"), SecurityFixtures.PASSWORD);
		assertThat(readOnlyNotes(html("/admin/programs/new", finance)))
			.containsExactly("Your role (finance) can't change this.");
	}

	@Test
	void theAuditKeepsTheRoleTheActorHadWhenHeDecided() throws Exception {
		SecurityFixtures fx = new SecurityFixtures(this.mvc, this.jdbc);
		String email = teamMember("FINANCE");
		MockHttpSession finance = fx.login(email, SecurityFixtures.PASSWORD);
		MockHttpServletResponse cancel = this.mvc
			.perform(post("/admin/payouts/" + fx.b.payoutId() + "/cancel").session(finance).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(cancel.getStatus()).as("finance cancels a batch").isEqualTo(302);
		assertThat(this.jdbc.sql("select actor_role from audit_entry where actor = ? and action = 'payout.cancel'")
			.param(email)
			.query(String.class)
			.list()).containsExactly("FINANCE");
		// an entry from before roles were recorded (no actor_role)
		this.jdbc.sql("""
				insert into audit_entry (actor, action, subject_type, subject_id, occurred_at)
				values (?, 'program.update', 'program', '1', now() - interval '1 day')
				""").param(email).update();

		this.jdbc.sql("update user_account set role = 'VIEWER' where email = ?").param(email).update();

		MockHttpSession owner = fx.login("admin@test.local", "admin-password-1");
		Document audit = html("/admin/audit?actor=" + email, owner);
		List<String> roles = audit.select("#audit tbody tr")
			.stream()
			.map(row -> row.select("td").get(1).select(".badge").text() + " / " + row.select("td").get(2).text())
			.toList();
		assertThat(roles).containsExactly("Finance / payout.cancel", "Viewer (now) / program.update");
		String csv = this.mvc.perform(get("/admin/audit.csv").param("actor", email).session(owner))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv.lines().skip(1).toList()).hasSize(2)
			.anySatisfy(line -> assertThat(line).contains("payout.cancel").endsWith(",Finance"))
			.anySatisfy(line -> assertThat(line).contains("program.update").endsWith(",Viewer (now)"));
	}

	// --- helpers

	/** A console user with this role and the fixture's password; his e-mail. */
	private String teamMember(String role) {
		String email = "controls-" + role.toLowerCase(Locale.ROOT) + "-" + SecurityFixtures.suffix()
				+ "@team.example.com";
		this.accounts.createAdmin(email, SecurityFixtures.PASSWORD);
		this.jdbc.sql("update user_account set role = ? where email = ?").params(role, email).update();
		return email;
	}

	/** The page with B's objects and the endpoint's required parameters. */
	private static String url(Endpoint endpoint, SecurityFixtures fx) {
		String path = AuthorizationMatrixTests.fill(endpoint.pattern(), fx.b);
		List<String> params = new ArrayList<>();
		if (!endpoint.params().isEmpty()) {
			for (String param : endpoint.params().split("&")) {
				params.add(param.contains("=") ? param : param + "=" + fx.b.email());
			}
		}
		return params.isEmpty() ? path : path + "?" + String.join("&", params);
	}

	/**
	 * The page as this user sees it, or null when it is no HTML page (CSV, a redirect).
	 */
	private Document html(String url, MockHttpSession session) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(URI.create(url)).session(session))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as("GET " + url).isLessThan(500).isNotEqualTo(403);
		if (response.getStatus() != 200 || !String.valueOf(response.getContentType()).startsWith("text/html")) {
			System.out.println("not HTML: GET " + url + " -> " + response.getStatus() + " " + response.getContentType()
					+ " " + response.getRedirectedUrl());
			return null;
		}
		return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8), "http://localhost" + url);
	}

	/**
	 * The targets of the page's post forms (the page itself for a form without action).
	 */
	private static List<String> postForms(Document page) {
		return postFormElements(page).stream().map(form -> target(page, form)).toList();
	}

	/** The notes that say the user's role may not change what the page shows. */
	private static List<String> readOnlyNotes(Document page) {
		return page.select("[role=note]")
			.stream()
			.map(Element::text)
			.filter(text -> text.contains("can't change this"))
			.toList();
	}

	private static List<Element> postFormElements(Document page) {
		return page.select("form").stream().filter(form -> "post".equalsIgnoreCase(form.attr("method"))).toList();
	}

	private static String target(Document page, Element form) {
		return path(form.hasAttr("action") && !form.attr("action").isEmpty() ? form.absUrl("action") : page.location());
	}

	/** The element's start tag, to name a control in a failure. */
	private static String tag(Element element) {
		String html = element.outerHtml();
		int end = html.indexOf('>');
		return end < 0 ? html : html.substring(0, end + 1);
	}

	/**
	 * Every control on the page that changes something: post forms, and links or buttons
	 * to create and edit pages (whose form posts to the same path).
	 */
	private static Map<String, String> writeControls(Document page) {
		Map<String, String> controls = new LinkedHashMap<>();
		for (Element form : postFormElements(page)) {
			controls.put(tag(form), target(page, form));
		}
		for (Element link : page.select("a[href], button[formaction]")) {
			if (link.attr("href").startsWith("#")) {
				continue; // a place on this page (skip link)
			}
			String target = path(link.hasAttr("href") ? link.absUrl("href") : link.absUrl("formaction"));
			if (target.startsWith("/admin") && CREATE_OR_EDIT.matcher(target).matches()
					&& !target.equals(PAYOUT_PREVIEW)) {
				controls.put(tag(link), target);
			}
		}
		return controls;
	}

	private static String path(String absolute) {
		URI uri = URI.create(absolute);
		return uri.getRawPath();
	}

	/**
	 * Whether this user's POST to the path passes the security filter chain (CSRF token
	 * included): it ends in a servlet that does nothing, so no control is really used.
	 */
	private boolean allowed(String path, MockHttpSession session) throws Exception {
		MockHttpServletRequestBuilder builder = post(URI.create(path)).session(session).with(csrf());
		MockHttpServletRequest request = builder.postProcessRequest(builder.buildRequest(this.web.getServletContext()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		boolean[] reached = { false };
		HttpServlet nothing = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				reached[0] = true;
			}
		};
		new MockFilterChain(nothing, this.security).doFilter(request, response);
		return reached[0];
	}

}
