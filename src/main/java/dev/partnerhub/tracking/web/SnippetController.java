package dev.partnerhub.tracking.web;

import java.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.tracking.domain.LandingUrls;
import dev.partnerhub.tracking.domain.TrackingService;
import dev.partnerhub.support.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The snippet sales pages embed ({@code GET /t.js}) and its visit beacon
 * ({@code POST /t/visit}). The script keeps {@code ref} in a cookie for the longest
 * cookie window of all programs (served in the script): the server still checks each
 * token against its own program's window, so a longer cookie never extends attribution.
 */
@RestController
class SnippetController {

	static final MediaType JAVASCRIPT = new MediaType("application", "javascript", StandardCharsets.UTF_8);

	static final int MAX_BEACON_BYTES = 4096;

	private final String script;

	private final ProgramApi programs;

	private final TrackingService tracking;

	private final RequestLimits limits;

	private volatile long maxDaysLoadedAt;

	private final Clock clock;

	private volatile int maxDays = 30;

	SnippetController(ProgramApi programs, TrackingService tracking, RequestLimits limits, Clock clock) {
		this.clock = clock;
		this.programs = programs;
		this.tracking = tracking;
		this.limits = limits;
		try (InputStream in = new ClassPathResource("tracking/t.js").getInputStream()) {
			this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@GetMapping("/t.js")
	ResponseEntity<String> script() {
		return ResponseEntity.ok()
			.contentType(JAVASCRIPT)
			.cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS).cachePublic())
			.body(this.script.replace("/*MAX_DAYS*/30", Integer.toString(maxCookieDays())));
	}

	@PostMapping("/t/visit")
	ResponseEntity<Void> visit(@RequestParam(defaultValue = "") String ref, @RequestParam(defaultValue = "") String url,
			HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BEACON_BYTES) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		if (!this.limits.allow("visit:" + request.getRemoteAddr(), 120)) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();
		}
		try {
			String page = LandingUrls.check("url", url);
			return this.tracking.visit(ref, page) ? ResponseEntity.noContent().build()
					: ResponseEntity.badRequest().build();
		}
		catch (InvalidInputException ex) {
			return ResponseEntity.badRequest().build();
		}
	}

	/** The longest cookie window of all programs, refreshed once a minute. */
	private int maxCookieDays() {
		long now = this.clock.millis();
		if (now - this.maxDaysLoadedAt > 60_000) {
			this.maxDays = this.programs.allPrograms().stream().mapToInt(ProgramSummary::cookieDays).max().orElse(30);
			this.maxDaysLoadedAt = now;
		}
		return this.maxDays;
	}

}
