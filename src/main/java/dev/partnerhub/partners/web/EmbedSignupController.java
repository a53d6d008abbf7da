package dev.partnerhub.partners.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.branding.Branding;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerSignup;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupTexts;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embeddable sign-up: the script a company puts on its own site
 * ({@code GET /embed/signup.js}, public and cacheable), the form's settings ({@code GET
 * /embed/signup/{slug}}) and the sign-up itself as JSON ({@code POST
 * /embed/signup/{slug}}, 202). No session, no cookies, no CSRF token: the post comes from
 * another site and creates exactly what the hosted form creates — an unverified, pending
 * (unless the program approves automatically) sign-up and its verification e-mail — with
 * the same checks and the same rate limits ({@link SignupLimits}). Which sites may post
 * is decided by {@link EmbedSignupGate} before a request gets here.
 */
@RestController
class EmbedSignupController {

	static final MediaType JAVASCRIPT = new MediaType("application", "javascript", StandardCharsets.UTF_8);

	/** The form's fields in the order the form shows them (errors are listed so). */
	private static final List<String> ORDER = List.of("firstName", "lastName", "email", "password", "confirmPassword",
			"payoutEmail", "terms");

	private static final Set<String> FIELDS = Set.copyOf(ORDER);

	private final String script;

	private final PartnerSignup signup;

	private final SignupLimits limits;

	private final Validator validator;

	private final BaseUrl baseUrl;

	private final SignupTexts texts;

	private final Branding branding;

	EmbedSignupController(PartnerSignup signup, SignupLimits limits, Validator validator, BaseUrl baseUrl,
			SignupTexts texts, Branding branding) {
		this.texts = texts;
		this.branding = branding;
		this.signup = signup;
		this.limits = limits;
		this.validator = validator;
		this.baseUrl = baseUrl;
		try (InputStream in = new ClassPathResource("partners/embed-signup.js").getInputStream()) {
			this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@GetMapping("/embed/signup.js")
	ResponseEntity<String> script() {
		return ResponseEntity.ok()
			.contentType(JAVASCRIPT)
			.cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS).cachePublic())
			.body(this.script);
	}

	/**
	 * What the script renders: the program's sign-up heading and intro and the partner
	 * terms, as on the hosted page.
	 */
	@GetMapping("/embed/signup/{slug}")
	ResponseEntity<Map<String, @Nullable Object>> settings(@PathVariable String slug) {
		ProgramSummary program = program(slug);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("program", program.name());
		SignupTexts.SignupText text = this.texts.signupText(program);
		body.put("heading", text.heading());
		body.put("intro", text.intro());
		String terms = this.branding.current().termsLink();
		body.put("termsUrl", terms == null || !terms.startsWith("/") ? terms : this.baseUrl.value() + terms);
		body.put("signupUrl", this.baseUrl.value() + "/partners/signup/" + this.signup.slug(program));
		body.put("loginUrl", this.baseUrl.value() + "/login");
		// answers differ by Origin (CORS) and follow the program's settings at once
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	@PostMapping(path = "/embed/signup/{slug}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> signUp(@PathVariable String slug, @RequestBody EmbedSignupRequest body,
			HttpServletRequest request) {
		ProgramSummary program = program(slug);
		if (!this.limits.allowAddress(request.getRemoteAddr())) {
			return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups from your network; try again in an hour.",
					List.of());
		}
		SignupForm form = body.toForm();
		List<Map<String, String>> errors = new ArrayList<>();
		for (ConstraintViolation<SignupForm> violation : this.validator.validate(form)) {
			String field = violation.getPropertyPath().toString();
			if (FIELDS.contains(field)) {
				errors.add(Map.of("field", field, "message", violation.getMessage()));
			}
		}
		if (form.getPassword() != null && !form.getPassword().equals(form.getConfirmPassword())
				&& errors.stream().noneMatch(e -> e.get("field").equals("confirmPassword"))) {
			errors.add(Map.of("field", "confirmPassword", "message", "The two passwords differ."));
		}
		if (!errors.isEmpty()) {
			errors.sort(java.util.Comparator.comparingInt(e -> ORDER.indexOf(e.get("field"))));
			return problem(HttpStatus.BAD_REQUEST, "Some fields are invalid.", errors);
		}
		if (!this.limits.allowEmail(form.getEmail())) {
			return problem(HttpStatus.TOO_MANY_REQUESTS,
					"Too many sign-ups for this e-mail address; try again in an hour.", List.of());
		}
		try {
			PartnerSummary partner = this.signup
				.signUp(new PartnerSignup.SignupRequest(program.name(), form.getFirstName(), form.getLastName(),
						form.getEmail(), form.getPassword(), form.getPayoutEmail(), form.getRef()));
			boolean pending = partner.status() != PartnerStatus.APPROVED;
			String email = form.getEmail().strip();
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", pending ? "pending" : "approved");
			answer.put("email", email);
			answer.put("message",
					"Check your e-mail: we sent a link to " + email + " to confirm your address."
							+ (pending ? " After that, your sign-up will be reviewed by our team."
									: " After that, you can log in to the partner center."));
			return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore()).body(answer);
		}
		catch (ConflictException ex) {
			return problem(HttpStatus.CONFLICT, ex.getMessage(), fieldError(ex.field(), ex.getMessage()));
		}
		catch (InvalidInputException ex) {
			return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), fieldError(ex.field(), ex.getMessage()));
		}
		catch (DataIntegrityViolationException ex) { // two sign-ups with one address at
														// once
			String message = "This e-mail address has just been registered: log in instead.";
			return problem(HttpStatus.CONFLICT, message, fieldError("email", message));
		}
	}

	private ProgramSummary program(String slug) {
		// only slugs: the embed snippet names the program by its slug
		if (slug.length() > 80) {
			throw new NotFoundException("There is no partner program with this address.");
		}
		ProgramSummary program = this.signup.program(slug);
		if (!this.signup.slug(program).equals(slug)) {
			throw new NotFoundException("There is no partner program with this address.");
		}
		return program;
	}

	private static List<Map<String, String>> fieldError(@Nullable String field, String message) {
		return field != null && FIELDS.contains(field) ? List.of(Map.of("field", field, "message", message))
				: List.of();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
			List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		problem.setType(java.net.URI.create("about:blank"));
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * The JSON the script posts: the hosted form's fields ({@code ref} from the page's
	 * {@code ?ref=} or the sales site's own {@code ph_ref} cookie). Unknown fields are a
	 * 400.
	 */
	record EmbedSignupRequest(@Nullable String firstName, @Nullable String lastName, @Nullable String email,
			@Nullable String password, @Nullable String confirmPassword, @Nullable String payoutEmail,
			@Nullable Boolean terms, @Nullable String ref) {

		SignupForm toForm() {
			SignupForm form = new SignupForm();
			form.setFirstName(clean(this.firstName));
			form.setLastName(clean(this.lastName));
			form.setEmail(clean(this.email));
			form.setPassword(clean(this.password));
			form.setConfirmPassword(clean(this.confirmPassword));
			form.setPayoutEmail(clean(this.payoutEmail));
			form.setTerms(Boolean.TRUE.equals(this.terms));
			form.setRef(this.ref == null || this.ref.isBlank() ? null : clean(this.ref.strip()));
			return form;
		}

		/**
		 * As the hosted form's parameters (support.web.RequestInputGuard): NUL dropped
		 * (PostgreSQL refuses it), an unpaired surrogate replaced by U+FFFD.
		 */
		private static @Nullable String clean(@Nullable String text) {
			if (text == null) {
				return null;
			}
			StringBuilder out = new StringBuilder(text.length());
			text.codePoints()
				.filter(c -> c != 0)
				.forEach(c -> out.appendCodePoint(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c));
			return out.toString();
		}

	}

}
