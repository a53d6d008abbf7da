package dev.partnerhub.partners.web;

import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerSignup;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupTexts;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * The public partner sign-up per program ({@code /partners/signup/{program}?ref={code}})
 * and the e-mail verification link ({@code /partners/verify?token=}). Rate limited per
 * IP; CSRF-protected (our own page).
 */
@Controller
class SignupController {

	/**
	 * The cookie {@code /r/{code}} sets (tracking's RedirectController): a click token
	 * naming the partner.
	 */
	static final String REFERRAL_COOKIE = "ph_ref";

	private final PartnerSignup signup;

	private final SignupLimits limits;

	private final SignupTexts texts;

	SignupController(PartnerSignup signup, SignupLimits limits, SignupTexts texts) {
		this.signup = signup;
		this.limits = limits;
		this.texts = texts;
	}

	@InitBinder("signupForm")
	void binder(WebDataBinder binder) {
		binder.setAllowedFields("firstName", "lastName", "email", "password", "confirmPassword", "payoutEmail", "terms",
				"ref");
	}

	/**
	 * {@code program} is the program's URL slug; a link made with its name (before slugs)
	 * is sent on to the slug URL for good (301, query string kept). A post keeps
	 * accepting either.
	 */
	@GetMapping("/partners/signup/{program}")
	String form(@PathVariable String program, @RequestParam(required = false) @Nullable String ref,
			@CookieValue(name = REFERRAL_COOKIE, required = false) @Nullable String cookie, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		ProgramSummary found = findProgram(program, model, response);
		if (found == null) {
			return "partners/signup-not-found";
		}
		String slug = this.signup.slug(found);
		if (!slug.equals(program)) {
			request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.MOVED_PERMANENTLY);
			// a slug is letters, digits and hyphens: safe in a path as it is
			return "redirect:/partners/signup/" + slug
					+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		}
		SignupForm form = new SignupForm();
		form.setRef(ref == null || ref.length() > 500 ? null : ref.strip());
		model.addAttribute("signupForm", form);
		return show(model, found, form, cookie);
	}

	@PostMapping("/partners/signup/{program}")
	String submit(@PathVariable String program, @Valid @ModelAttribute("signupForm") SignupForm form,
			BindingResult result, @CookieValue(name = REFERRAL_COOKIE, required = false) @Nullable String cookie,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		ProgramSummary found = findProgram(program, model, response);
		if (found == null) {
			return "partners/signup-not-found";
		}
		if (!this.limits.allowAddress(request.getRemoteAddr())) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("error", "Too many sign-ups from your network; try again in an hour.");
			return show(model, found, form, cookie);
		}
		if (form.getPassword() != null && !form.getPassword().equals(form.getConfirmPassword())) {
			result.rejectValue("confirmPassword", "mismatch", "The two passwords differ.");
		}
		if (!result.hasErrors() && !this.limits.allowEmail(form.getEmail())) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("error", "Too many sign-ups for this e-mail address; try again in an hour.");
			return show(model, found, form, cookie);
		}
		if (!result.hasErrors()) {
			try {
				PartnerSummary partner = this.signup.signUp(new PartnerSignup.SignupRequest(found.name(),
						form.getFirstName(), form.getLastName(), form.getEmail(), form.getPassword(),
						form.getPayoutEmail(), referral(form.getRef(), cookie)));
				model.addAttribute("program", found);
				model.addAttribute("email", form.getEmail().strip());
				model.addAttribute("pending", partner.status() != dev.partnerhub.partners.PartnerStatus.APPROVED);
				return "partners/signup-done";
			}
			catch (ConflictException | InvalidInputException ex) {
				String field = ex instanceof ConflictException c ? c.field() : ((InvalidInputException) ex).field();
				if ("email".equals(field) || "password".equals(field)) {
					result.rejectValue(field, "domain", ex.getMessage());
				}
				else {
					result.reject("domain", ex.getMessage());
				}
			}
			catch (DataIntegrityViolationException ex) { // two sign-ups with one address
															// at the same moment
				result.rejectValue("email", "duplicate",
						"This e-mail address has just been registered: log in instead.");
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return show(model, found, form, cookie);
	}

	@GetMapping("/partners/verify")
	String verify(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		if (this.signup.verify(token).isPresent()) {
			return "redirect:/login?verified";
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return "partners/verify-failed";
	}

	private String show(Model model, ProgramSummary program, SignupForm form, String cookie) {
		model.addAttribute("program", program);
		model.addAttribute("programSlug", this.signup.slug(program));
		model.addAttribute("signupText", this.texts.signupText(program));
		model.addAttribute("referrer", this.signup.referrer(referral(form.getRef(), cookie)).orElse(null));
		return "partners/signup";
	}

	private @Nullable ProgramSummary findProgram(String name, Model model, HttpServletResponse response) {
		try {
			return this.signup.program(name);
		}
		catch (NotFoundException ex) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("programName", name.length() > 120 ? name.substring(0, 120) : name);
			return null;
		}
	}

	/** The link's {@code ref} wins over the cookie of an earlier tracked click. */
	private static String referral(String ref, String cookie) {
		return ref != null && !ref.isBlank() ? ref : cookie;
	}

}
