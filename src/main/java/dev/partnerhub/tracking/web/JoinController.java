package dev.partnerhub.tracking.web;

import java.util.regex.Pattern;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.tracking.domain.OptInRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * Opt-in: the hosted page {@code GET /join/{program}} and {@code POST /join}, which sales
 * pages on other sites post their forms to (so it is CSRF-exempt, size-limited and
 * rate-limited per IP). The referral comes from the form's hidden {@code referral} input
 * that {@code /t.js} adds, or else from the {@code ph_ref} cookie of the redirect; it
 * counts only as a genuine click token, and an existing contact is never changed but for
 * a fresh click (see {@code ContactApi.receivePublic}).
 * <p>
 * The form names its program in {@code program}; the thank-you page says its name (only a
 * program that exists). With {@code redirect}, a URL on the program's sales site, the
 * visitor is sent back there (303) instead, so the merchant shows his own thank-you page;
 * any other target is ignored (no open redirect).
 * <p>
 * Double opt-in: the form only stores a pending opt-in and mails a link to
 * {@code /join/confirm/{token}}; its GET only shows a button (mail scanners follow
 * links), its POST (with our CSRF token) opts the address in.
 */
@Controller
class JoinController {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	private static final int MAX_BODY_BYTES = 16 * 1024;

	private final OptInRequests optIns;

	private final ProgramApi programs;

	private final RequestLimits limits;

	JoinController(OptInRequests optIns, ProgramApi programs, RequestLimits limits) {
		this.optIns = optIns;
		this.programs = programs;
		this.limits = limits;
	}

	/**
	 * {@code program} is the program's URL slug; a link made with its name (before slugs)
	 * is sent on to the slug URL for good (301, query string kept).
	 */
	@GetMapping("/join/{program}")
	String page(@PathVariable String program, Model model, HttpServletRequest request, HttpServletResponse response) {
		ProgramSummary found = this.programs.findProgramBySlug(program).orElse(null);
		if (found == null) {
			ProgramSummary named = program.length() > 120 ? null
					: this.programs.findProgramByName(program).orElse(null);
			String slug = named == null ? null : this.programs.slugOf(named.id()).orElse(null);
			if (slug != null) {
				request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.MOVED_PERMANENTLY);
				// a slug is letters, digits and hyphens: safe in a path as it is
				return "redirect:/join/" + slug
						+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
			}
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("error", "There is no program called " + program + ".");
			return "tracking/join-thanks";
		}
		model.addAttribute("program", found.name());
		return "tracking/join";
	}

	@PostMapping("/join")
	String join(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String firstName,
			@RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String referral,
			@RequestParam(defaultValue = "") String program, @RequestParam(defaultValue = "") String redirect,
			@CookieValue(name = RedirectController.COOKIE, required = false) @Nullable String cookieReferral,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		// Only a program that exists is named back: the field is whatever the posting
		// page sent.
		ProgramSummary named = program.isBlank() || program.length() > 120 ? null
				: this.programs.findProgramBySlug(program.strip())
					.or(() -> this.programs.findProgramByName(program.strip()))
					.orElse(null);
		model.addAttribute("program", named == null ? null : named.name());
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			return refuse(response, model, HttpStatus.CONTENT_TOO_LARGE, "The form was too large.");
		}
		if (!this.limits.allow("join:" + request.getRemoteAddr(), 30)) {
			return refuse(response, model, HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups; try again in a minute.");
		}
		String address = email.strip();
		if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
			return invalid(response, model, email, firstName, lastName, referral, "Enter a valid e-mail address.");
		}
		if (firstName.strip().length() > 100 || lastName.strip().length() > 100) {
			return invalid(response, model, email, firstName, lastName, referral,
					"Names must be at most 100 characters.");
		}
		String ref = referral.isBlank() ? cookieReferral : referral;
		// Double opt-in: only a pending opt-in and one confirmation e-mail (at most one
		// per
		// address and program an hour); the confirmation link opts him in.
		this.optIns.request(address, firstName.strip(), lastName.strip(), ref, named == null ? null : named.id());
		// What the visitor typed, never the stored contact's name: the page must not tell
		// who owns an address.
		model.addAttribute("firstName", firstName.isBlank() ? null : firstName.strip());
		String back = named == null ? null
				: SalesSiteRedirect.target(redirect, named, this.programs.salesSitesOf(named.id()));
		if (back == null) {
			return "tracking/join-thanks";
		}
		// 303: the browser follows with a GET of the merchant's page
		request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
		return "redirect:" + back;
	}

	@GetMapping("/join/confirm/{token}")
	String confirmPage(@PathVariable String token, Model model, HttpServletResponse response) {
		OptInRequests.Pending pending = this.optIns.find(token).orElse(null);
		if (pending == null) {
			return unusable(response, model);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", pending.email());
		model.addAttribute("program", pending.programName());
		return "tracking/join-confirm";
	}

	@PostMapping("/join/confirm/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!this.limits.allow("join-confirm:" + request.getRemoteAddr(), 30)) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("error", "Too many attempts; try again in a minute.");
			return "tracking/join-confirm";
		}
		OptInRequests.Pending pending = this.optIns.find(token).orElse(null);
		if (pending == null || this.optIns.confirm(token).isEmpty()) {
			return unusable(response, model);
		}
		model.addAttribute("confirmed", true);
		model.addAttribute("program", pending.programName());
		return "tracking/join-confirm";
	}

	private static String unusable(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("error",
				"This confirmation link is not valid: it expired (after 48 hours), was used already or was mistyped. "
						+ "Sign up again to get a new one.");
		return "tracking/join-confirm";
	}

	private static String invalid(HttpServletResponse response, Model model, String email, String firstName,
			String lastName, String referral, String message) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("formError", message);
		model.addAttribute("email", email);
		model.addAttribute("firstName", firstName);
		model.addAttribute("lastName", lastName);
		model.addAttribute("referral", referral.length() > 200 ? "" : referral);
		return "tracking/join";
	}

	private static String refuse(HttpServletResponse response, Model model, HttpStatus status, String message) {
		response.setStatus(status.value());
		model.addAttribute("error", message);
		return "tracking/join-thanks";
	}

}
