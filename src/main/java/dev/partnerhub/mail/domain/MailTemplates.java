package dev.partnerhub.mail.domain;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.mail.MergeFieldSource;
import dev.partnerhub.support.merge.MergeText;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Templates: list, create, edit (each checked by rendering it), preview with a real
 * partner's merge fields.
 */
@Service
@Transactional
public class MailTemplates {

	static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{1,99}");

	private final MailTemplateRepository repository;

	private final MergeFields fields;

	private final Clock clock;

	MailTemplates(MailTemplateRepository repository, MergeFields fields, Clock clock) {
		this.repository = repository;
		this.fields = fields;
		this.clock = clock;
	}

	/**
	 * A page of templates; sorted by a property ({@code key}, {@code name},
	 * {@code updatedAt}; the key when none), then the id.
	 */
	@Transactional(readOnly = true)
	public Page<MailTemplate> list(Pageable pageable) {
		Sort.Order order = pageable.getSort().stream().findFirst().orElse(Sort.Order.asc("key"));
		Sort sort = Sort.by(order).and(Sort.by("id"));
		return this.repository.findAll(pageable.isPaged()
				? PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), sort) : Pageable.unpaged(sort));
	}

	@Transactional(readOnly = true)
	public List<MailTemplate> all() {
		return this.repository.findAll(Sort.by("key"));
	}

	@Transactional(readOnly = true)
	public Optional<MailTemplate> find(@Nullable String key) {
		return key == null ? Optional.empty() : this.repository.findByKeyIgnoreCase(key.strip());
	}

	@Transactional(readOnly = true)
	public MailTemplate get(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("No e-mail template " + id));
	}

	public MailTemplate create(@Nullable String key, @Nullable String name, @Nullable String subject,
			@Nullable String body) {
		String checkedKey = checkKey(key);
		check(name, subject, body);
		return save(new MailTemplate(checkedKey, name.strip(), subject.strip(), body, this.clock.instant()));
	}

	/** Edits a template, whatever its version. */
	public MailTemplate update(long id, @Nullable String key, @Nullable String name, @Nullable String subject,
			@Nullable String body) {
		return update(id, key, name, subject, body, null);
	}

	/**
	 * Edits a template; the key of a system template (one the application sends itself)
	 * never changes. Refused with
	 * {@link org.springframework.dao.OptimisticLockingFailureException} when
	 * {@code version} (the one the editor loaded; null = any) is no longer the
	 * template's.
	 */
	public MailTemplate update(long id, @Nullable String key, @Nullable String name, @Nullable String subject,
			@Nullable String body, @Nullable Long version) {
		MailTemplate template = get(id);
		String newKey = template.system() ? template.key() : checkKey(key);
		check(name, subject, body);
		template.expectVersion(version);
		template.edit(newKey, name.strip(), subject.strip(), body, this.clock.instant());
		return save(template);
	}

	private MailTemplate save(MailTemplate template) {
		try {
			return this.repository.save(template);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("key", "A template with the key " + template.key() + " exists already.");
		}
	}

	/**
	 * Subject and body rendered with a partner's fields (null: only the general fields),
	 * without saving anything.
	 */
	@Transactional(readOnly = true)
	public Rendered preview(String subject, String body, Long partnerId) {
		// the same check as saving: a typo shows in the preview, not after
		java.util.Set<String> known = this.fields.describeAll().keySet();
		checkField("subject", subject, known);
		checkField("body", body, known);
		Map<String, Object> values = this.fields.fieldsFor(partnerId, Map.of());
		return new Rendered(renderField("subject", subject, values).strip(), renderField("body", body, values));
	}

	/** The merge fields an editor can use, with descriptions, from every source. */
	public Map<String, String> fieldDescriptions() {
		return this.fields.describeAll();
	}

	/** The same fields grouped by the e-mails that have them, for the editor's list. */
	public Map<String, Map<String, String>> fieldCatalog() {
		return this.fields.catalog();
	}

	private void check(@Nullable String name, @Nullable String subject, @Nullable String body) {
		if (name == null || name.isBlank() || name.strip().length() > 200) {
			throw new InvalidInputException("name", "A name of 1 to 200 characters is required.");
		}
		if (subject == null || subject.isBlank() || subject.strip().length() > 500) {
			throw new InvalidInputException("subject", "A subject of 1 to 500 characters is required.");
		}
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("body", "The body is required.");
		}
		if (body.length() > 100_000) {
			throw new InvalidInputException("body", "The body is longer than 100,000 characters.");
		}
		java.util.Set<String> known = this.fields.describeAll().keySet();
		checkField("subject", subject, known);
		checkField("body", body, known);
	}

	/**
	 * A text in the merge syntax, checked against these field names: an unknown field or
	 * a syntax error is an InvalidInputException on the form field.
	 */
	static MergeText checkField(String field, String text, java.util.Collection<String> known) {
		return MergeText.check(field, text, known);
	}

	private static String renderField(String field, String template, Map<String, Object> values) {
		try {
			return MergeText.render(template, values, false);
		}
		catch (MergeText.Failure ex) {
			throw new InvalidInputException(field, ex.getMessage());
		}
	}

	private static String checkKey(@Nullable String key) {
		String k = key == null ? "" : key.strip().toLowerCase(java.util.Locale.ROOT);
		if (!KEY.matcher(k).matches()) {
			throw new InvalidInputException("key",
					"The key must be 2 to 100 lower-case letters, digits or dashes, e.g. partner-welcome.");
		}
		return k;
	}

	public record Rendered(String subject, String body) {
	}

	/**
	 * The fields a message gets: general ones, every source's partner fields, then the
	 * request's own.
	 */
	@org.springframework.stereotype.Component
	public static class MergeFields {

		// resolved when used: the sources depend (through other modules) on beans that
		// depend on the outbox
		private final org.springframework.beans.factory.ObjectProvider<MergeFieldSource> sources;

		private final String baseUrl;

		MergeFields(org.springframework.beans.factory.ObjectProvider<MergeFieldSource> sources,
				@org.springframework.beans.factory.annotation.Value("${partnerhub.base-url:http://localhost:8080}") String baseUrl) {
			this.sources = sources;
			this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		}

		public String baseUrl() {
			return this.baseUrl;
		}

		public Map<String, Object> fieldsFor(Long partnerId, Map<String, Object> extra) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("baseUrl", this.baseUrl);
			values.put("loginUrl", this.baseUrl + "/login");
			values.put("partnerCenterUrl", this.baseUrl + "/partner");
			values.put("resetPasswordUrl", this.baseUrl + "/account/reset");
			if (partnerId != null) {
				this.sources.orderedStream().forEach(source -> values.putAll(source.fieldsFor(partnerId)));
			}
			values.putAll(extra);
			return values;
		}

		/** The fields of every e-mail to a partner: general ones and every source's. */
		public Map<String, String> describe() {
			Map<String, String> described = new LinkedHashMap<>(GENERAL);
			this.sources.orderedStream().forEach(source -> described.putAll(source.describe()));
			return described;
		}

		/**
		 * Every field a template may use: a partner's, a lead's and those particular
		 * e-mails add (a verification link, a commission's amount, ...).
		 */
		public Map<String, String> describeAll() {
			Map<String, String> described = describe();
			LEAD.forEach(described::putIfAbsent);
			described.putAll(OCCASIONS);
			return described;
		}

		/** The fields by the e-mails that have them, for the editors' lists. */
		public Map<String, Map<String, String>> catalog() {
			Map<String, Map<String, String>> catalog = new LinkedHashMap<>();
			catalog.put("Every e-mail", GENERAL);
			Map<String, String> partner = new LinkedHashMap<>();
			this.sources.orderedStream().forEach(source -> partner.putAll(source.describe()));
			catalog.put("E-mails to a partner (templates, broadcasts)", partner);
			catalog.put("E-mails to a lead (sequence steps for leads)", LEAD);
			catalog.put("Only in particular e-mails", OCCASIONS);
			return catalog;
		}

		private static final Map<String, String> GENERAL = ordered("baseUrl", "The application's address", "loginUrl",
				"The login page", "partnerCenterUrl", "The partner center (after login)", "resetPasswordUrl",
				"The 'forgot password' page");

		private static final Map<String, String> LEAD = ordered("firstName", "The lead's first name", "lastName",
				"The lead's last name", "email", "The lead's e-mail address", "unsubscribeLink",
				"The lead's link to stop the sequence");

		/** Fields the application adds to the e-mails it sends itself, by occasion. */
		private static final Map<String, String> OCCASIONS = ordered("link",
				"Verification, invitation, opt-in, login-change and password-reset e-mails: the personal link",
				"newEmail", "Login-change e-mails: the new address", "change",
				"Payout-details e-mail: what was changed", "parentCode",
				"Admin e-mail about a new partner: who referred them", "adminUrl",
				"Admin e-mail about a new partner: their page in the console", "dueSummary",
				"Payouts-due e-mail: the amounts due in one line", "dueAmounts",
				"Payouts-due e-mail: list of amounts, each with amount and currency", "dueAmounts.amount",
				"An amount due", "dueAmounts.currency", "Its currency", "nextPayoutDate",
				"Payouts-due e-mail: the next payout day", "payoutsUrl", "Payouts-due e-mail: the payouts page",
				"commissionAmount", "New-commission notice: the amount", "commissionCurrency",
				"Commission notices: the currency", "commissionTier", "New-commission notice: the tier (1 or 2)",
				"commissionProduct", "New-commission notice: the product's SKU", "digestDate",
				"Commission digest: the day", "digestCount", "Commission digest: how many commissions", "digestLines",
				"Commission digest: list of commissions with amount, currency, product and tier", "digestLines.amount",
				"A commission's amount", "digestLines.currency", "Its currency", "digestLines.product", "Its product",
				"digestLines.tier", "Its tier", "approvedCount", "Approval notice: how many commissions",
				"approvedAmount", "Approval notice: their sum", "payoutAmount", "Payout notice: the amount sent",
				"payoutCurrency", "Payout notice: its currency", "payoutItems",
				"Payout notice: list of commissions paid with date, product, tier and amount", "payoutItems.date",
				"A commission's date", "payoutItems.product", "Its product", "payoutItems.tier", "Its tier",
				"payoutItems.amount", "Its amount", "recruitName", "Tier-2 notice: the new partner's name",
				"contestName", "Contest notices: the contest", "contestStarts", "Contest notices: the first day",
				"contestEnds", "Contest notices: \"to\" and the last day, or (open-ended)", "contestResult",
				"Contest-ended notice: the partner's rank and value", "invitedBy",
				"Team invitation: who invited the new user", "role", "Team invitation: the new user's role");

		private static Map<String, String> ordered(String... pairs) {
			Map<String, String> map = new LinkedHashMap<>();
			for (int i = 0; i < pairs.length; i += 2) {
				map.put(pairs[i], pairs[i + 1]);
			}
			return java.util.Collections.unmodifiableMap(map);
		}

	}

}
