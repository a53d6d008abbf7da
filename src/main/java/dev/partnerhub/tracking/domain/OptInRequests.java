package dev.partnerhub.tracking.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in for the public {@code /join} form: the form only stores a pending opt-in
 * and mails a confirmation link (a random token, only its SHA-256 stored, valid 48 h,
 * single-use); {@link #confirm} then opts the address in through {@link OptInService}. So
 * an anonymous post alone creates no contact, no referral, no e-mail sequence and no lead
 * reward: the owner of the address has to confirm. At most one confirmation e-mail goes
 * to an address per program per hour (the mail outbox's dedupe key is the atomic
 * counter), so the form cannot be used to flood somebody's inbox.
 */
@Service
public class OptInRequests {

	static final Duration VALID = Duration.ofHours(48);

	static final String TEMPLATE = "opt-in-confirmation";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final MailApi mail;

	private final ProgramApi programs;

	private final OptInService optIns;

	private final Clock clock;

	OptInRequests(JdbcClient jdbc, MailApi mail, ProgramApi programs, OptInService optIns, Clock clock) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.programs = programs;
		this.optIns = optIns;
		this.clock = clock;
	}

	/** A pending opt-in that {@link #confirm} accepts. */
	public record Pending(String email, String firstName, String lastName, @Nullable Long programId,
			@Nullable String programName) {
	}

	/**
	 * Stores a pending opt-in and queues its confirmation e-mail; nothing (not even a
	 * pending row) when this address was sent one for this program in the current hour.
	 * Answers whether a mail was queued (the page says the same either way: it must not
	 * tell what is known about an address).
	 */
	@Transactional
	public boolean request(String email, String firstName, String lastName, @Nullable String referral,
			@Nullable Long programId) {
		Instant now = this.clock.instant();
		String token = newToken();
		String address = email.strip();
		long id = this.jdbc.sql("""
				insert into opt_in_request (token_hash, email, first_name, last_name, referral, program_id,
				    requested_at, expires_at)
				values (:hash, :email, :first, :last, :referral, :program, :now, :expires)
				returning id
				""")
			.param("hash", hash(token))
			.param("email", address)
			.param("first", firstName)
			.param("last", lastName)
			.param("referral", referral == null || referral.isBlank() || referral.length() > 200 ? null : referral)
			.param("program", programId)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(VALID)))
			.query(Long.class)
			.single();
		String programName = programId == null ? null
				: this.programs.findProgram(programId).map(ProgramSummary::name).orElse(null);
		long hour = now.getEpochSecond() / 3600;
		boolean queued = this.mail.queue(MailRequest.of(TEMPLATE, address)
			.with("programName", programName == null ? "us" : programName)
			.with("firstName", firstName)
			.with("email", address)
			.with("link", this.mail.baseUrl() + "/join/confirm/" + token)
			.dedupe("opt-in:" + (programId == null ? "-" : programId) + ":" + address.toLowerCase(Locale.ROOT) + ":"
					+ hour));
		if (!queued) {
			// The hour's e-mail went out already: this request could never be confirmed.
			this.jdbc.sql("delete from opt_in_request where id = :id").param("id", id).update();
		}
		return queued;
	}

	/**
	 * The pending opt-in of a link that can still be confirmed (for the confirm page).
	 */
	public Optional<Pending> find(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select email, first_name, last_name, program_id from opt_in_request
				where token_hash = :hash and confirmed_at is null and expires_at > :now
				""").param("hash", hash(token)).param("now", Timestamp.from(this.clock.instant())).query((rs, n) -> {
			Long programId = rs.getObject("program_id") == null ? null : rs.getLong("program_id");
			return new Pending(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"), programId,
					programId == null ? null
							: this.programs.findProgram(programId).map(ProgramSummary::name).orElse(null));
		}).optional();
	}

	/**
	 * Confirms the link once (a conditional update: of two confirmations at once only one
	 * opts in) and opts the address in as the form asked: the referral counts as of the
	 * time of the form (a click token valid then), the opt-in event enrols him in lead
	 * sequences, a lead reward may follow. Empty: unknown, expired or used link.
	 */
	@Transactional
	public Optional<OptInService.OptIn> confirm(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		record Row(String email, String firstName, String lastName, @Nullable String referral, @Nullable Long programId,
				Instant requestedAt) {
		}
		Optional<Row> row = this.jdbc.sql("""
				update opt_in_request set confirmed_at = :now
				where token_hash = :hash and confirmed_at is null and expires_at > :now
				returning email, first_name, last_name, referral, program_id, requested_at
				""")
			.param("hash", hash(token))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Row(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("referral"), rs.getObject("program_id") == null ? null : rs.getLong("program_id"),
					rs.getTimestamp("requested_at").toInstant()))
			.optional();
		return row.map(r -> this.optIns.optIn(r.email(), r.firstName(), r.lastName(), r.referral(), r.programId(),
				r.requestedAt()));
	}

	private static boolean wellFormed(@Nullable String token) {
		return token != null && token.matches("[A-Za-z0-9_-]{43}");
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
