package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.partnerhub.partnercenter.domain.BlockData;
import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerFigures;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.SafeHtml;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupValue;
import dev.partnerhub.support.merge.MergeText;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.partnerhub.partnercenter.web.RenderedBlock.title;

/**
 * Turns a page's blocks into what the template shows, for one partner ({@link Me}: the
 * logged-in partner, or the partner an admin previews as). Data is read only through
 * partner-scoped queries ({@link BlockData}, {@link PartnerCenterQueries},
 * {@link PartnerFigures}, his rollup values, his program's leaderboard); "partners of the
 * program" lists carry names and values, never e-mails. Text, figures, the chart and the
 * links are rendered here; lists by {@link ListBlocks}, rankings by
 * {@link LeaderboardBlocks}.
 */
@Component
class BlockRenderer {

	private final BlockData data;

	private final PartnerCenterQueries queries;

	private final PartnerFigures figures;

	private final RollupApi rollups;

	private final ListBlocks lists;

	private final LeaderboardBlocks leaderboards;

	private final PartnerLinks links;

	private final Clock clock;

	BlockRenderer(BlockData data, PartnerCenterQueries queries, PartnerFigures figures, RollupApi rollups,
			ListBlocks lists, LeaderboardBlocks leaderboards, PartnerLinks links, Clock clock) {
		this.data = data;
		this.queries = queries;
		this.figures = figures;
		this.rollups = rollups;
		this.lists = lists;
		this.leaderboards = leaderboards;
		this.links = links;
		this.clock = clock;
	}

	List<RenderedBlock> render(List<PcBlock> blocks, Me me) {
		return render(blocks, me, ListRequest.NONE);
	}

	List<RenderedBlock> render(List<PcBlock> blocks, Me me, ListRequest request) {
		Context context = new Context(me, request);
		List<RenderedBlock> rendered = new ArrayList<>();
		for (PcBlock block : blocks) {
			rendered.add(render(block, context));
		}
		return rendered;
	}

	/**
	 * Every row of a dynamic list for the CSV export ({@link ListBlocks#export}).
	 */
	boolean export(PcBlock block, Me me, ListRequest request, Function<List<String>, Consumer<List<String>>> sink) {
		return this.lists.export(block, me, request, sink);
	}

	/** Per-page memo so several blocks share one figures query and one tracked link. */
	private final class Context {

		final Me me;

		final ListRequest request;

		@Nullable Map<String, Object> figures;

		@Nullable String tracked;

		Context(Me me, ListRequest request) {
			this.me = me;
			this.request = request;
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

	private RenderedBlock render(PcBlock block, Context context) {
		Me me = context.me;
		return switch (block.type()) {
			case TEXT -> new RenderedBlock("text", block.id(), null, text(block.get("html"), context), null, null, null,
					null, null, null, null, null, null, null, null);
			case STAT -> stat(block, context);
			case LIST -> this.lists.list(block, me, context.request);
			case LEADERBOARD -> this.leaderboards.leaderboard(block, me, block.get("rollup"),
					Integer.parseInt(block.get("top")), block.get("title"));
			case CHART -> {
				int days = Integer.parseInt(block.get("days"));
				DateRange range = DateRange.lastDays(LocalDate.now(this.clock), days);
				EarningsChart chart = EarningsChart.of(range, this.figures.earningsOverTime(me.partnerId(),
						me.currency(), range, EarningsChart.weekly(range)), me.currency());
				yield new RenderedBlock("chart", block.id(), title(block, "Earnings, last " + days + " days"), null,
						null, null, null, null, null, null, chart, null, null, null, null);
			}
			case PROMO_TOOLS -> {
				List<String[]> tools = new ArrayList<>();
				this.queries.tools(me.programId())
					.stream()
					.filter(t -> !"email".equals(t.kind()))
					.forEach(t -> tools.add(new String[] { t.name(), this.links.tracked(me, t.id(), null) }));
				yield new RenderedBlock("promo_tools", block.id(), title(block, "Your links"), null, null, null, null,
						null, null, null, null, context.tracked(), this.links.signUp(me), tools, null);
			}
		};
	}

	/**
	 * Merge fields become escaped values, then the whole HTML goes through the
	 * allow-list.
	 */
	String text(String html, Context context) {
		Me me = context.me;
		MergeText parsed;
		try {
			parsed = MergeText.parse(html);
		}
		catch (MergeText.Failure ex) {
			// saved before the editor checked it: no raw {{…}} reaches the partner
			return SafeHtml.sanitize(MergeText.renderLenient(html, Map.of(), true));
		}
		Map<String, Object> values = new HashMap<>();
		for (String field : parsed.fields()) {
			String value = switch (field) {
				case "firstName" -> me.firstName();
				case "lastName" -> me.lastName();
				case "name" -> me.name();
				case "code" -> me.code();
				case "programName" -> me.programName();
				case "referralLink" -> context.tracked();
				case "signupLink" -> this.links.signUp(me);
				default -> field.startsWith("rollup_") ? rollupDisplayOfField(field, me) : null;
			};
			if (value != null) {
				values.put(field, value);
			}
		}
		return SafeHtml.sanitize(parsed.render(values, true));
	}

	String text(String html, Me me) {
		return text(html, new Context(me, ListRequest.NONE));
	}

	private @Nullable String rollupDisplayOfField(String field, Me me) {
		return this.rollups.fields()
			.stream()
			.filter(f -> MergeText.rollupField(f.name()).equals(field))
			.findFirst()
			.map(f -> rollupDisplay(f.name(), me))
			.orElse(null);
	}

	private String rollupDisplay(String name, Me me) {
		Optional<RollupField> field = this.rollups.findByName(name);
		if (field.isEmpty()) {
			return "";
		}
		BigDecimal value = this.rollups.value(field.get().name(), me.contactId()).orElse(null);
		return new RollupValue(field.get().id(), field.get().name(), field.get().function(), value).display();
	}

	private RenderedBlock stat(PcBlock block, Context context) {
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
			value = raw instanceof Map<?, ?> sums ? amounts(sums, context.me.currency()) : String.valueOf(raw);
		}
		if (!block.get("label").isBlank()) {
			label = block.get("label");
		}
		return new RenderedBlock("stat", block.id(), null, null, label, value, null, null, null, null, null, null, null,
				null, null);
	}

	/**
	 * "12.50 USD", his program's currency first (0.00 when he has nothing in it), then
	 * other currencies he has amounts in, each on its own: "12.50 USD · 4.00 EUR" — never
	 * one sum over currencies.
	 */
	static String amounts(Map<?, ?> sums, String currency) {
		List<String> parts = new ArrayList<>();
		Object own = sums.get(currency);
		parts.add((own == null ? "0.00" : ((BigDecimal) own).toPlainString()) + " " + currency);
		sums.forEach((other, amount) -> {
			if (!currency.equals(other) && ((BigDecimal) amount).signum() != 0) {
				parts.add(((BigDecimal) amount).toPlainString() + " " + other);
			}
		});
		return String.join(" · ", parts);
	}

}
