package dev.partnerhub.webhooks;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's Webhooks page: add (the secret shown once, as a flash), rotate (a new
 * one, once), the delivery log and "send again", disable and delete; bad URLs are a form
 * message.
 */
@IntegrationTest
class WebhookConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void cleanUp() {
		this.jdbc.sql("delete from webhook_endpoint where url like 'http://127.0.0.1:9/console-%'").update();
	}

	@Test
	void anEndpointIsAddedItsSecretShownOnceRotatedResentDisabledAndDeleted() throws Exception {
		String url = "http://127.0.0.1:9/console-" + System.nanoTime();
		MvcResult added = this.mvc
			.perform(post("/admin/webhooks").with(ADMIN)
				.with(csrf())
				.param("url", url)
				.param("events", "commission.approved", "payout.paid"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long id = this.jdbc.sql("select id from webhook_endpoint where url = ?").param(url).query(Long.class).single();
		String secret = this.jdbc.sql("select secret from webhook_endpoint where id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/admin/webhooks/" + id);
		assertThat(added.getFlashMap().get("secret")).isEqualTo(secret);
		assertThat(this.jdbc.sql("select events from webhook_endpoint where id = ?")
			.param(id)
			.query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
			.single()).containsExactly("commission.approved", "payout.paid");
		// never shown again
		this.mvc.perform(get("/admin/webhooks/{id}", id).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(url)))
			.andExpect(content().string(not(containsString(secret))));
		this.mvc.perform(get("/admin/webhooks").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(secret))));

		MvcResult rotated = this.mvc.perform(post("/admin/webhooks/{id}/rotate", id).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String newSecret = this.jdbc.sql("select secret from webhook_endpoint where id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(newSecret).isNotEqualTo(secret).startsWith("whsec_");
		assertThat(rotated.getFlashMap().get("secret")).isEqualTo(newSecret);

		// a failed delivery is sent again on request
		String message = "msg_console_" + System.nanoTime();
		this.jdbc.sql("insert into webhook_message (id, type, body, created_at) values (?, 'payout.paid', '{}', now())")
			.param(message)
			.update();
		long delivery = this.jdbc.sql("""
				insert into webhook_delivery (endpoint_id, message_id, status, attempts, next_attempt_at, created_at,
				                              response_code, last_error)
				values (?, ?, 'failed', 8, now(), now(), 500, 'Answered 500') returning id
				""").param(id).param(message).query(Long.class).single();
		this.mvc.perform(get("/admin/webhooks/{id}", id).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(message)))
			.andExpect(content().string(containsString("Answered 500")))
			.andExpect(content().string(containsString("Send again")));
		this.mvc.perform(post("/admin/webhooks/{id}/deliveries/{d}/resend", id, delivery).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select status from webhook_delivery where id = ?")
			.param(delivery)
			.query(String.class)
			.single()).isEqualTo("queued");
		// another endpoint's delivery is not found through this one
		this.mvc
			.perform(post("/admin/webhooks/{id}/deliveries/{d}/resend", id + 100000, delivery).with(ADMIN).with(csrf()))
			.andExpect(status().isNotFound());

		this.mvc.perform(post("/admin/webhooks/{id}/disable", id).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select status from webhook_endpoint where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("disabled");
		this.mvc.perform(post("/admin/webhooks/{id}/delete", id).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoint where id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

	@Autowired
	dev.partnerhub.webhooks.domain.WebhookSender sender;

	@Test
	void deliveredAndFailedDeliveriesLeaveTheLogAfterThirtyDaysWaitingOnesStay() throws Exception {
		String url = "http://127.0.0.1:9/console-" + System.nanoTime();
		long id = this.jdbc.sql("""
				insert into webhook_endpoint (url, events, secret, created_at)
				values (?, '{partner.created}', 'whsec_AAAA', now()) returning id
				""").param(url).query(Long.class).single();
		String prefix = "msg_cleanup_" + System.nanoTime() + "_";
		for (String status : List.of("delivered", "failed", "queued")) {
			this.jdbc.sql("""
					insert into webhook_message (id, type, body, created_at)
					values (?, 'partner.created', '{}', now() - interval '31 days')
					""").param(prefix + status).update();
			this.jdbc.sql("""
					insert into webhook_delivery (endpoint_id, message_id, status, next_attempt_at, created_at)
					values (?, ?, ?, now() + interval '1 day', now() - interval '31 days')
					""").param(id).param(prefix + status).param(status).update();
		}
		this.sender.cleanUp(java.time.Instant.now());
		assertThat(this.jdbc.sql("select message_id from webhook_delivery where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.list()).containsExactly(prefix + "queued");
		assertThat(this.jdbc.sql("select id from webhook_message where id like ?")
			.param(prefix + "%")
			.query(String.class)
			.list()).containsExactly(prefix + "queued");
	}

	@Test
	void aBadUrlIsAFormMessage() throws Exception {
		this.mvc
			.perform(post("/admin/webhooks").with(ADMIN)
				.with(csrf())
				.param("url", "ftp://example.com/x")
				.param("events", "partner.created"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", containsString("https://")));
		this.mvc.perform(post("/admin/webhooks").with(ADMIN).with(csrf()).param("url", "https://example.com/x"))
			.andExpect(flash().attribute("error", containsString("at least one event")));
	}

}
