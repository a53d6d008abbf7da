package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.partnercenter.domain.BlockData;
import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.partnercenter.domain.ListSource;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.SafeHtml;
import dev.partnerhub.rollups.FilterCompiler;
import dev.partnerhub.rollups.FilterJson;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupValue;
import dev.partnerhub.rollups.SqlFragment;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns a page's blocks into what the template shows, for one partner ({@link Me}: the logged-in partner, or the
 * partner an admin previews as). Data is read only through partner-scoped queries ({@link BlockData},
 * {@link PartnerCenterQueries}, his rollup values, his program's leaderboard); "partners of the program" lists carry
 * names and values, never e-mails.
 */
@Component
class BlockRenderer {

	private static final Pattern MERGE = Pattern.compile("\\{\\{\\s*([A-Za-z]+|rollup:[^}]{1,100}?)\\s*}}");

	private final BlockData data;

	private final PartnerCenterQueries queries;

	private final RollupApi rollups;

	private final Leaderboards leaderboards;

	private final PartnerLinks links;

	private final Clock clock;

	BlockRenderer(BlockData data, PartnerCenterQueries queries, RollupApi rollups, Leaderboards leaderboards,
			PartnerLinks links, Optional<Clock> clock) {
		this.data = data;
		this.queries = queries;
		this.rollups = rollups;
		this.leaderboards = leaderboards;
		this.links = links;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** One rendered block; {@code type} picks the template fragment. */
	record Rendered(String type, long id, String title, String html, String label, String value, List<String> headers,
			List<List<String>> rows, List<LeaderboardEntry> entries, LeaderboardEntry mine, EarningsChart chart,
			String trackedLink, String signUpLink, List<String[]> tools, String empty) {
	}

	List<Rendered> render(List<PcBlock> blocks, Me me) {
		Context context = new Context(me);
		List<Rendered> rendered = new ArrayList<>();
		for (PcBlock block : blocks) {
			rendered.add(render(block, context));
		}
		return rendered;
	}

	/** Per-page memo so several blocks share one figures query and one tracked link. */
	private final class Context {

		final Me me;

		Map<String, Object> figures;

		String tracked;

		Context(Me me) {
			this.me = me;
		}

		Map<String, Object> figures() {
			if (this.figures == null) {
				this.figures = BlockRenderer.this.data.figures(this.me.partnerId());
			}
			return this.figures;
		}

		String tracked() {
			if (this.tracked == null) {
				this.tracked = BlockRenderer.this.links.tracked(this.me, null, null);
			}
			return this.tracked;
		}

	}

	private Rendered render(PcBlock block, Context context) {
		Me me = context.me;
		return switch (block.type()) {
			case TEXT -> new Rendered("text", block.id(), null, text(block.get("html"), context), null, null, null,
					null, null, null, null, null, null, null, null);
			case STAT -> stat(block, context);
			case LIST -> list(block, me);
			case LEADERBOARD -> leaderboard(block, me, block.get("rollup"), Integer.parseInt(block.get("top")),
					block.get("title"));
			case CHART -> {
				int days = Integer.parseInt(block.get("days"));
				DateRange range = DateRange.lastDays(LocalDate.now(this.clock), days);
				EarningsChart chart = EarningsChart.of(range, this.queries.earningsOverTime(me.partnerId(), range,
						EarningsChart.weekly(range)), me.currency());
				yield new Rendered("chart", block.id(), title(block, "Earnings, last " + days + " days"), null, null,
						null, null, null, null, null, chart, null, null, null, null);
			}
			case PROMO_TOOLS -> {
				List<String[]> tools = new ArrayList<>();
				this.queries.tools(me.programId())
					.stream()
					.filter(t -> !"email".equals(t.kind()))
					.forEach(t -> tools.add(new String[] { t.name(), this.links.tracked(me, t.id(), null) }));
				yield new Rendered("promo_tools", block.id(), title(block, "Your links"), null, null, null, null, null,
						null, null, null, context.tracked(), this.links.signUp(me), tools, null);
			}
		};
	}

	/** Merge fields become escaped values, then the whole HTML goes through the allow-list. */
	String text(String html, Context context) {
		Me me = context.me;
		Matcher matcher = MERGE.matcher(html);
		StringBuilder merged = new StringBuilder();
		while (matcher.find()) {
			String field = matcher.group(1);
			String value = switch (field) {
				case "firstName" -> me.firstName();
				case "lastName" -> me.lastName();
				case "name" -> me.name();
				case "code" -> me.code();
				case "program" -> me.programName();
				case "trackedLink" -> context.tracked();
				case "signupLink" -> this.links.signUp(me);
				default -> field.startsWith("rollup:") ? rollupDisplay(field.substring(7).strip(), me) : "";
			};
			matcher.appendReplacement(merged, Matcher.quoteReplacement(HtmlUtils.htmlEscape(value == null ? "" : value)));
		}
		matcher.appendTail(merged);
		return SafeHtml.sanitize(merged.toString());
	}

	String text(String html, Me me) {
		return text(html, new Context(me));
	}

	private String rollupDisplay(String name, Me me) {
		Optional<RollupField> field = this.rollups.findByName(name);
		if (field.isEmpty()) {
			return "";
		}
		BigDecimal value = this.rollups.value(field.get().name(), me.contactId()).orElse(null);
		return new RollupValue(field.get().id(), field.get().name(), field.get().function(), value).display();
	}

	private Rendered stat(PcBlock block, Context context) {
		String figure = block.get("figure");
		String label;
		String value;
		if (figure.equals("rollup")) {
			label = block.get("rollup");
			value = rollupDisplay(block.get("rollup"), context.me);
		}
		else {
			label = switch (figure) {
				case "pending" -> "Pending commissions";
				case "approved" -> "Approved commissions";
				case "paid" -> "Paid commissions";
				case "clicks" -> "Clicks";
				default -> "Referred contacts";
			};
			Object raw = context.figures().get(figure);
			value = raw instanceof BigDecimal money ? money.toPlainString() + " " + context.me.currency()
					: String.valueOf(raw);
		}
		if (!block.get("label").isBlank()) {
			label = block.get("label");
		}
		return new Rendered("stat", block.id(), null, null, label, value, null, null, null, null, null, null, null,
				null, null);
	}

	private Rendered list(PcBlock block, Me me) {
		ListSource source = ListSource.of(block.get("source"));
		int size = Integer.parseInt(block.get("pageSize"));
		String title = title(block, source.label());
		if (source == ListSource.PROGRAM_PARTNERS) {
			Rendered board = leaderboard(block, me, block.get("rollup"), size, title);
			return board;
		}
		List<String> columns = Arrays.asList(block.get("columns").split(","));
		SqlFragment filter = block.get("filter").isBlank() ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(FilterJson.parse(block.get("filter"), "filter"), source.catalog(),
						LocalDate.now(this.clock), "b" + block.id(), "filter");
		List<List<String>> rows = this.data.list(source, me.partnerId(), filter, block.get("sort"),
				"asc".equals(block.get("direction")), columns, size);
		List<String> headers = columns.stream().map(c -> source.columns().get(c).label()).toList();
		return new Rendered("list", block.id(), title, null, null, null, headers, rows, null, null, null, null, null,
				null, "Nothing to show yet: records appear here as your referrals buy.");
	}

	private Rendered leaderboard(PcBlock block, Me me, String rollupName, int top, String title) {
		Optional<RollupField> field = this.rollups.findByName(rollupName);
		String shown = title == null || title.isBlank() ? "Leaderboard: " + rollupName : title;
		if (field.isEmpty()) {
			return new Rendered("leaderboard", block.id(), shown, null, null, null, null, null, List.of(), null, null,
					null, null, null, "This leaderboard is not available any more.");
		}
		List<LeaderboardEntry> entries = this.leaderboards.top(field.get().id(), me.programId(), top);
		LeaderboardEntry mine = this.leaderboards.rankOf(field.get().id(), me.programId(), me.partnerId()).orElse(null);
		return new Rendered("leaderboard", block.id(), shown, null, field.get().name(), null, null, null, entries,
				mine, null, null, null, null, "No ranked partners yet.");
	}

	private static String title(PcBlock block, String fallback) {
		return block.get("title").isBlank() ? fallback : block.get("title");
	}

}
