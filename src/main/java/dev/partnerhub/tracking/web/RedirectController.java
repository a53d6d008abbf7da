package dev.partnerhub.tracking.web;

import java.time.Duration;

import dev.partnerhub.tracking.domain.TrackingService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET /r/{partnerCode}?tool=&sub=}: the partner's tracked link. The target comes only from the database (the
 * tool's or the program's landing URL), never from the request, so this cannot be an open redirect.
 */
@Controller
class RedirectController {

	static final String COOKIE = "ph_ref";

	private final TrackingService tracking;

	RedirectController(TrackingService tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/r/{partnerCode}")
	ModelAndView click(@PathVariable String partnerCode, @RequestParam(required = false) String tool,
			@RequestParam(required = false) String sub, HttpServletRequest request, HttpServletResponse response) {
		var found = this.tracking.click(partnerCode, tool, sub, request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		if (found.isEmpty()) {
			return new ModelAndView("tracking/unknown-partner", HttpStatus.NOT_FOUND);
		}
		TrackingService.Redirect redirect = found.get();
		ResponseCookie cookie = ResponseCookie.from(COOKIE, redirect.token())
			.maxAge(Duration.ofDays(redirect.cookieDays()))
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.path("/")
			.build();
		response.setStatus(HttpStatus.FOUND.value());
		response.setHeader(HttpHeaders.LOCATION, redirect.location());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		// Handled: nothing to render.
		return null;
	}

}
