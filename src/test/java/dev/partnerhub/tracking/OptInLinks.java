package dev.partnerhub.tracking;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.MutableClock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Double opt-in in tests: the token of the latest confirmation e-mail queued to an
 * address, and its confirmation as the address's owner does it (the button's POST).
 */
public final class OptInLinks {

	private static final Pattern LINK = Pattern.compile("/join/confirm/([A-Za-z0-9_-]{43})");

	private OptInLinks() {
	}

	public static Optional<String> latestToken(JdbcClient jdbc, String email) {
		return jdbc.sql("""
				select body_text from mail_message
				where lower(to_address) = lower(:email) and template_key = 'opt-in-confirmation'
				order by id desc limit 1
				""").param("email", email).query(String.class).optional().map(body -> {
			Matcher m = LINK.matcher(body);
			return m.find() ? m.group(1) : null;
		});
	}

	public static int mailsTo(JdbcClient jdbc, String email) {
		return jdbc.sql("""
				select count(*) from mail_message
				where lower(to_address) = lower(:email) and template_key = 'opt-in-confirmation'
				""").param("email", email).query(Integer.class).single();
	}

	/**
	 * Confirms the latest link sent to {@code email}, then moves the clock past the hour
	 * so the next form for this address gets its own e-mail.
	 */
	public static ResultActions confirm(MockMvc mvc, JdbcClient jdbc, MutableClock clock, String email)
			throws Exception {
		String token = latestToken(jdbc, email).orElseThrow(() -> new AssertionError("no confirmation mail"));
		ResultActions result = mvc.perform(post("/join/confirm/{token}", token).with(csrf()));
		clock.advance(Duration.ofMinutes(61));
		return result;
	}

}
