package dev.partnerhub.partnercenter;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 18: per program, {@code /partner} shows the dashboard or one of the builder pages
 * its partners may see, as the console chose; the dashboard stays reachable.
 */
@IntegrationTest
class PartnerCenterLandingTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickRecorder recorder;

	PartnerCenterFixtures fixtures() {
		return new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
	}

	@Test
	void aProgramsPartnersLandOnItsChosenPageOthersOnTheDashboard() throws Exception {
		PartnerCenterFixtures a = fixtures();
		PartnerCenterFixtures b = fixtures();
		Partner ann = a.partner("Ann");
		Partner bob = b.partner("Bob");
		String slug = unique("welcome-");
		long page = page("Welcome", slug, List.of(a.program.id()), true);

		// before: both see the dashboard at /partner
		this.mvc.perform(get("/partner").with(as(ann))).andExpect(status().isOk());

		this.mvc
			.perform(post("/admin/partner-center/landing").with(ADMIN)
				.with(csrf())
				.param("program", String.valueOf(a.program.id()))
				.param("page", String.valueOf(page)))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("message"));

		this.mvc.perform(get("/partner").with(as(ann)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/partner/pages/" + slug));
		Html landed = Html.of(this.mvc.perform(get("/partner/pages/" + slug).with(as(ann))).andExpect(status().isOk()));
		assertThat(landed.text("#page-title")).isEqualTo("Welcome");
		// the dashboard moved to /partner/dashboard and stays in the menu
		assertThat(landed.has("a.nav-link[href=/partner/dashboard]")).isTrue();
		Html dashboard = Html.of(this.mvc.perform(get("/partner/dashboard").with(as(ann))).andExpect(status().isOk()));
		assertThat(dashboard.has("form[action=/partner/dashboard]")).isTrue();

		// another program's partner still lands on the dashboard
		Html bobs = Html.of(this.mvc.perform(get("/partner").with(as(bob))).andExpect(status().isOk()));
		assertThat(bobs.has("a.nav-link[href=/partner]")).isTrue();

		// the console shows the choice
		Html console = Html.of(this.mvc.perform(get("/admin/partner-center").with(ADMIN)).andExpect(status().isOk()));
		assertThat(console.text("#landing-page-" + a.program.id() + " option[selected]")).isEqualTo("Welcome");
		assertThat(console.has("#landing-page-" + b.program.id() + " option[value=" + page + "]")).isFalse();

		// back to the dashboard
		this.mvc
			.perform(post("/admin/partner-center/landing").with(ADMIN)
				.with(csrf())
				.param("program", String.valueOf(a.program.id()))
				.param("page", ""))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/partner").with(as(ann))).andExpect(status().isOk());
	}

	@Test
	void aPageTheProgramCannotSeeIsRefusedAndAnUnpublishedLandingFallsBackToTheDashboard() throws Exception {
		PartnerCenterFixtures a = fixtures();
		PartnerCenterFixtures b = fixtures();
		Partner ann = a.partner("Ann");
		long forB = page("For B", unique("for-b-"), List.of(b.program.id()), true);
		long draft = page("Draft", unique("draft-"), List.of(a.program.id()), false);
		for (long refused : List.of(forB, draft)) {
			this.mvc
				.perform(post("/admin/partner-center/landing").with(ADMIN)
					.with(csrf())
					.param("program", String.valueOf(a.program.id()))
					.param("page", String.valueOf(refused)))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("error",
						"Choose a published page that this program's partners may see (its display condition)."));
		}
		assertThat(landingOf(a.program.id())).isEmpty();
		this.mvc
			.perform(post("/admin/partner-center/landing").with(ADMIN)
				.with(csrf())
				.param("program", "not-a-number")
				.param("page", ""))
			.andExpect(status().isNotFound());

		// a landing page unpublished later: the dashboard again, not a redirect to a 404
		String slug = unique("later-");
		long later = page("Later", slug, List.of(a.program.id()), true);
		this.mvc
			.perform(post("/admin/partner-center/landing").with(ADMIN)
				.with(csrf())
				.param("program", String.valueOf(a.program.id()))
				.param("page", String.valueOf(later)))
			.andExpect(flash().attributeExists("message"));
		this.mvc.perform(get("/partner").with(as(ann))).andExpect(redirectedUrl("/partner/pages/" + slug));
		this.jdbc.sql("update pc_page set published = false where id = :id").param("id", later).update();
		this.mvc.perform(get("/partner").with(as(ann))).andExpect(status().isOk());
		// partners may not choose
		this.mvc
			.perform(post("/admin/partner-center/landing").with(as(ann))
				.with(csrf())
				.param("program", String.valueOf(a.program.id()))
				.param("page", ""))
			.andExpect(status().isForbidden());
	}

	private List<Long> landingOf(long programId) {
		return this.jdbc.sql("select page_id from pc_landing where program_id = :p")
			.param("p", programId)
			.query(Long.class)
			.list();
	}

	private long page(String title, String slug, List<Long> programIds, boolean published) throws Exception {
		MockHttpServletRequestBuilder request = post("/admin/partner-center").with(ADMIN)
			.with(csrf())
			.param("title", title)
			.param("slug", slug)
			.param("navOrder", "5")
			.param("mode", "programs");
		for (Long id : programIds) {
			request.param("programs", String.valueOf(id));
		}
		if (published) {
			request.param("published", "on");
		}
		MvcResult result = this.mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
		return Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
	}

	private static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

}
