package dev.partnerhub.console;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * One error advice for the console and the partner center (support.web.HtmlErrorPages):
 * an unknown id in any module is the shared 404 page, inside the console layout with that
 * module's navigation, wording and way back.
 */
@IntegrationTest
class ConsoleErrorPagesTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Test
	void anUnknownOrderIsTheSharedNotFoundPageLeadingBackToOrders() throws Exception {
		this.mvc.perform(get("/admin/orders/987654321").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error/not-found"))
			.andExpect(model().attribute("backHref", "/admin/orders"))
			.andExpect(content().string(containsString("Order not found")))
			.andExpect(content().string(containsString("id=\"not-found-back\" href=\"/admin/orders\"")))
			// the console layout, with the orders entry highlighted
			.andExpect(content().string(containsString("id=\"console-nav\"")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void anUnknownContactIsTheSameSharedPageLeadingBackToContacts() throws Exception {
		this.mvc.perform(get("/admin/contacts/987654321").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error/not-found"))
			.andExpect(model().attribute("backHref", "/admin/contacts"))
			.andExpect(content().string(containsString("Contact not found")))
			.andExpect(content().string(containsString("id=\"not-found-back\" href=\"/admin/contacts\"")));
	}

	@Test
	void anUnknownPartnerCenterPageInTheBuilderLeadsBackToTheConsole() throws Exception {
		this.mvc.perform(get("/admin/partner-center/987654321").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error/not-found"))
			.andExpect(content().string(containsString("id=\"not-found-back\" href=\"/admin/partner-center\"")));
	}

	@Test
	void anUnknownImportKeepsItsOwnWordingAndLink() throws Exception {
		this.mvc.perform(get("/admin/import/987654321").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Import not found")))
			.andExpect(content().string(containsString("href=\"/admin/import\"")));
	}

}
