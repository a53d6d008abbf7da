package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.tracking.ClickInfo;
import dev.partnerhub.tracking.TrackingApi;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Turns a click on {@code /r/{code}} into a redirect and a queued click row. */
@Service
public class TrackingService implements TrackingApi {

	static final int MAX_SUB_ID = 100;

	private final ClickTargets targets;

	private final ClickTokens tokens;

	private final ClickRecorder recorder;

	private final VisitorFilter visitors;

	private final JdbcClient jdbc;

	private final String baseUrl;

	private final Clock clock;

	TrackingService(ClickTargets targets, ClickTokens tokens, ClickRecorder recorder, VisitorFilter visitors,
			JdbcClient jdbc, BaseUrl baseUrl, Clock clock) {
		this.targets = targets;
		this.tokens = tokens;
		this.recorder = recorder;
		this.visitors = visitors;
		this.jdbc = jdbc;
		this.baseUrl = baseUrl.value();
		this.clock = clock;
	}

	/**
	 * Where to send the visitor, the token of his click and how long the program's cookie
	 * lives.
	 */
	public record Redirect(String location, String token, int cookieDays, boolean duplicate) {
	}

	/**
	 * Empty for an unknown partner or one that is not approved (no click is recorded). A
	 * tool of another program is ignored: the visitor goes to the partner's program
	 * landing URL.
	 */
	public Optional<Redirect> click(@Nullable String partnerCode, @Nullable String toolParam, @Nullable String subParam,
			String ip, @Nullable String userAgent) {
		if (partnerCode == null || partnerCode.isBlank() || partnerCode.length() > 40) {
			return Optional.empty();
		}
		Optional<PartnerSummary> found = this.targets.approvedPartner(partnerCode);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		PartnerSummary partner = found.get();
		Optional<ProgramSummary> program = this.targets.program(partner.programId());
		if (program.isEmpty()) {
			return Optional.empty();
		}
		Long toolId = parseId(toolParam);
		ClickTargets.ToolTarget tool = toolId == null ? null
				: this.targets.tool(toolId).filter(t -> t.programId() == partner.programId()).orElse(null);
		String landing = tool != null && tool.landingUrl() != null ? tool.landingUrl() : program.get().landingUrl();
		Long usedTool = tool == null ? null : tool.id();
		Instant now = this.clock.instant();
		String token = this.tokens.issue(partner.id(), now, usedTool);
		boolean bot = VisitorFilter.isBot(userAgent);
		boolean repeat = !bot && this.visitors.isRepeat(partner.id(), ip, userAgent, now.toEpochMilli());
		this.recorder.record(new ClickRecorder.PendingClick(token, partner.id(), partner.programId(), usedTool,
				sanitizeSubId(subParam), now, bot || repeat, bot, landing));
		return Optional.of(new Redirect(LandingUrls.withParameter(landing, "ref", token), token,
				program.get().cookieDays(), bot || repeat));
	}

	/** Queues a visit beacon; false for a token we did not issue. */
	public boolean visit(String token, String pageUrl) {
		Optional<ClickTokens.Claims> claims = this.tokens.decode(token);
		if (claims.isEmpty()) {
			return false;
		}
		this.recorder
			.record(new ClickRecorder.PendingVisit(token, claims.get().partnerId(), pageUrl, this.clock.instant()));
		return true;
	}

	@Override
	public Optional<ClickInfo> findClick(String token) {
		return this.tokens.decode(token).map(claims -> {
			var row = this.jdbc.sql("select sub_id, duplicate from click where token = :token")
				.param("token", token)
				.query((rs, n) -> new Object[] { rs.getString(1), rs.getBoolean(2) })
				.optional();
			return new ClickInfo(token, claims.partnerId(), claims.promoToolId(), claims.clickedAt(),
					row.map(r -> (String) r[0]).orElse(null), row.map(r -> (Boolean) r[1]).orElse(null));
		});
	}

	@Override
	public String trackedLink(String partnerCode, @Nullable Long promoToolId) {
		String link = this.baseUrl + "/r/"
				+ java.net.URLEncoder.encode(partnerCode, java.nio.charset.StandardCharsets.UTF_8);
		return promoToolId == null ? link : link + "?tool=" + promoToolId;
	}

	@Override
	public java.util.List<PromoToolLink> promoToolLinks(long programId, String partnerCode) {
		return this.jdbc.sql("select id, kind, name from promo_tool where program_id = :program order by name, id")
			.param("program", programId)
			.query((rs, n) -> new PromoToolLink(rs.getLong("id"), rs.getString("kind"), rs.getString("name"),
					trackedLink(partnerCode, rs.getLong("id"))))
			.list();
	}

	/**
	 * At most 100 characters of letters, digits and {@code . _ ~ -}; anything else
	 * becomes {@code _}.
	 */
	static @Nullable String sanitizeSubId(@Nullable String sub) {
		if (sub == null || sub.isBlank()) {
			return null;
		}
		String trimmed = sub.strip();
		StringBuilder clean = new StringBuilder(Math.min(trimmed.length(), MAX_SUB_ID));
		for (int i = 0; i < trimmed.length() && clean.length() < MAX_SUB_ID; i++) {
			char c = trimmed.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '~' || c == '-';
			clean.append(safe ? c : '_');
		}
		return clean.toString();
	}

	private static @Nullable Long parseId(@Nullable String value) {
		if (value == null || value.isBlank() || value.length() > 18) {
			return null;
		}
		try {
			long id = Long.parseLong(value.strip());
			return id > 0 ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
