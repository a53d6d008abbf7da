package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.partnercenter.domain.BlockData;
import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.partnercenter.domain.ListSource;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerFigures;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.SafeHtml;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupValue;
import dev.partnerhub.support.merge.MergeText;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns a page's blocks into what the template shows, for one partner ({@link Me}: the
 * logged-in partner, or the partner an admin previews as). Data is read only through
 * partner-scoped queries ({@link BlockData}, {@link PartnerCenterQueries},
 * {@link PartnerFigures}, his rollup values, his program's leaderboard); "partners of the
 * program" lists carry names and values, never e-mails.
 */
@Component
class BlockRenderer {

	private final BlockData data;

	private final PartnerCenterQueries queries;

	private final PartnerFigures figures;

	private final RollupApi rollups;

	private final Leaderboards leaderboards;

	private final PartnerLinks links;

	private final Clock clock;

	BlockRenderer(BlockData data, PartnerCenterQueries queries, PartnerFigures figures, RollupApi rollups,
			Leaderboards leaderboards, PartnerLinks links, Clock clock) {
		this.data = data;
		this.queries = queries;
		this.figures = figures;
		this.rollups = rollups;
		this.leaderboards = leaderboards;
		this.links = links;
		this.clock = clock;
	}

	/** One rendered block; {@code type} picks the template fragment. */
	record Rendered(String type, long id, String title, String html, String label, String value, List<String> headers,
			List<List<String>> rows, List<LeaderboardEntry> entries, LeaderboardEntry mine, EarningsChart chart,
			String trackedLink, String signUpLink, List<String[]> tools, String empty, ListView list) {

		Rendered(String type, long id, String title, String html, String label, String value, List<String> headers,
				List<List<String>> rows, List<LeaderboardEntry> entries, LeaderboardEntry mine, EarningsChart chart,
				String trackedLink, String signUpLink, List<String[]> tools, String empty) {
			this(type, id, title, html, label, value, headers, rows, entries, mine, chart, trackedLink, signUpLink,
					tools, empty, null);
		}

	}

	/**
	 * A sortable column header: link to sort by it (toggling the direction when it is the
	 * current sort).
	 */
	record Header(String name, String label, String url, String ariaSort) {
	}

	/**
	 * A dynamic list's page: headers, "page X of Y" and the links (null where there is
	 * nowhere to go).
	 */
	record ListView(List<Header> headers, int page, int pages, long total, String previousUrl, String nextUrl,
			String csvUrl) {
	}

	/**
	 * What the request asks of the page's lists: {@code b<id>p} = page (1-based) and
	 * {@code b<id>s} = {@code column,asc|desc} per block, so two lists on one page page
	 * independently; {@code base} is the current URL (links keep every other parameter);
	 * {@code csvPath} the page's CSV address, or null (the console preview). Anything
	 * unreadable falls back to the block's defaults.
	 */
	record ListRequest(Map<String, String[]> params, UriComponentsBuilder base, String csvPath) {

		static final ListRequest NONE = new ListRequest(Map.of(), null, null);

		String get(String name) {
			String[] values = this.params.get(name);
			return values == null || values.length == 0 || values[0] == null ? "" : values[0].strip();
		}

		@Nullable String link(String name, String value, String reset) {
			if (this.base == null) {
				return null;
			}
			UriComponentsBuilder builder = this.base.cloneBuilder().replaceQueryParam(name, value);
			if (reset != null) {
				builder.replaceQueryParam(reset);
			}
			return builder.build().encode().toUriString().replace("+", "%2B");
		}

	}

	static String pageParam(long blockId) {
		return "b" + blockId + "p";
	}

	static String sortParam(long blockId) {
		return "b" + blockId + "s";
	}

	/**
	 * The sort a request asks of a list block, or its configured one: {column, asc|desc}.
	 */
	static String[] sortOf(PcBlock block, ListSource source, ListRequest request) {
		String asked = request.get(sortParam(block.id()));
		String[] parts = asked.split(",", 2);
		if (!parts[0].isEmpty() && source.columns().containsKey(parts[0])) {
			return new String[] { parts[0],
					parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip()) ? "desc" : "asc" };
		}
		return new String[] { block.get("sort"), "asc".equals(block.get("direction")) ? "asc" : "desc" };
	}

	/** 0-based page from the 1-based parameter; bad or missing = the first page. */
	static int pageOf(PcBlock block, ListRequest request) {
		String asked = request.get(pageParam(block.id()));
		if (asked.matches("\\d{1,6}")) {
			return Math.max(Integer.parseInt(asked) - 1, 0);
		}
		return 0;
	}

	/**
	 * The block's conditions as SQL (bind names prefixed by the block id: several lists
	 * in one page never clash).
	 */
	SqlFragment filterOf(PcBlock block, ListSource source) {
		return block.get("filter").isBlank() ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(FilterJson.parse(block.get("filter"), "filter"), source.catalog(),
						LocalDate.now(this.clock), "b" + block.id(), "filter");
	}

	List<Rendered> render(List<PcBlock> blocks, Me me) {
		return render(blocks, me, ListRequest.NONE);
	}

	List<Rendered> render(List<PcBlock> blocks, Me me, ListRequest request) {
		Context context = new Context(me, request);
		List<Rendered> rendered = new ArrayList<>();
		for (PcBlock block : blocks) {
			rendered.add(render(block, context));
		}
		return rendered;
	}

	/** Per-page memo so several blocks share one figures query and one tracked link. */
	private final class Context {

		final Me me;

		final ListRequest request;

		Map<String, Object> figures;

		String tracked;

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

	private Rendered render(PcBlock block, Context context) {
		Me me = context.me;
		return switch (block.type()) {
			case TEXT -> new Rendered("text", block.id(), null, text(block.get("html"), context), null, null, null,
					null, null, null, null, null, null, null, null);
			case STAT -> stat(block, context);
			case LIST -> list(block, context);
			case LEADERBOARD ->
				leaderboard(block, me, block.get("rollup"), Integer.parseInt(block.get("top")), block.get("title"));
			case CHART -> {
				int days = Integer.parseInt(block.get("days"));
				DateRange range = DateRange.lastDays(LocalDate.now(this.clock), days);
				EarningsChart chart = EarningsChart.of(range, this.figures.earningsOverTime(me.partnerId(),
						me.currency(), range, EarningsChart.weekly(range)), me.currency());
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
		Map<String, Object> values = new java.util.HashMap<>();
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
			value = raw instanceof Map<?, ?> sums ? amounts(sums, context.me.currency()) : String.valueOf(raw);
		}
		if (!block.get("label").isBlank()) {
			label = block.get("label");
		}
		return new Rendered("stat", block.id(), null, null, label, value, null, null, null, null, null, null, null,
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

	private Rendered list(PcBlock block, Context context) {
		Me me = context.me;
		ListRequest request = context.request;
		ListSource source = ListSource.of(block.get("source"));
		int size = Integer.parseInt(block.get("pageSize"));
		String title = title(block, source.label());
		if (source == ListSource.PROGRAM_PARTNERS) {
			return rankedPartners(block, me, request, size, title);
		}
		List<String> columns = Arrays.asList(block.get("columns").split(","));
		String[] sort = sortOf(block, source, request);
		boolean ascending = "asc".equals(sort[1]);
		BlockData.ListPage page = this.data.list(source, me.partnerId(), filterOf(block, source), sort[0], ascending,
				columns, pageOf(block, request), size);
		List<Header> headers = new ArrayList<>();
		for (String column : columns) {
			boolean current = column.equals(sort[0]);
			String next = current && ascending ? "desc" : "asc";
			headers.add(new Header(column, source.columns().get(column).label(),
					request.link(sortParam(block.id()), column + "," + next, pageParam(block.id())),
					current ? (ascending ? "ascending" : "descending") : "none"));
		}
		int shown = page.page() + 1;
		String previous = shown > 1 ? request.link(pageParam(block.id()), String.valueOf(shown - 1), null) : null;
		String next = shown < page.totalPages() ? request.link(pageParam(block.id()), String.valueOf(shown + 1), null)
				: null;
		String csv = request.csvPath() == null ? null
				: UriComponentsBuilder.fromPath(request.csvPath() + "/blocks/" + block.id() + ".csv")
					.queryParamIfPresent(sortParam(block.id()), Optional.of(sort[0] + "," + sort[1]))
					.build()
					.encode()
					.toUriString();
		ListView view = new ListView(headers, shown, page.totalPages(), page.total(), previous, next, csv);
		return new Rendered("list", block.id(), title, null, null, null, headers.stream().map(Header::label).toList(),
				page.rows(), null, null, null, null, null, null,
				"Nothing to show yet: records appear here as your referrals buy.", view);
	}

	/**
	 * Every row of a dynamic list for the CSV export, in the order the partner chose (or
	 * the block's): his rows only (the same owner predicate). False when the block is not
	 * an exportable list (a leaderboard-like source).
	 */
	boolean export(PcBlock block, Me me, ListRequest request, Function<List<String>, Consumer<List<String>>> sink) {
		if (block.type() != dev.partnerhub.partnercenter.domain.BlockType.LIST) {
			return false;
		}
		ListSource source = ListSource.of(block.get("source"));
		if (source == ListSource.PROGRAM_PARTNERS) {
			return false;
		}
		List<String> columns = Arrays.asList(block.get("columns").split(","));
		String[] sort = sortOf(block, source, request);
		Consumer<List<String>> out = sink.apply(columns.stream().map(c -> source.columns().get(c).label()).toList());
		this.data.each(source, me.partnerId(), filterOf(block, source), sort[0], "asc".equals(sort[1]), columns, out);
		return true;
	}

	/**
	 * "Partners of the program": the leaderboard of the rollup a page at a time (ranked,
	 * so no other sort), his own rank beside it; two statements whatever the page (its
	 * size, then the page), plus his rank.
	 */
	private Rendered rankedPartners(PcBlock block, Me me, ListRequest request, int size, String title) {
		Optional<RollupField> field = this.rollups.findByName(block.get("rollup"));
		if (field.isEmpty()) {
			return leaderboard(block, me, block.get("rollup"), size, title);
		}
		long total = this.leaderboards.size(field.get().id(), me.programId());
		int pages = total == 0 ? 1 : (int) ((total + size - 1) / size);
		int shown = Math.min(pageOf(block, request) + 1, pages);
		List<LeaderboardEntry> entries = this.leaderboards.page(field.get().id(), me.programId(),
				(long) (shown - 1) * size, size);
		LeaderboardEntry mine = this.leaderboards.rankOf(field.get().id(), me.programId(), me.partnerId()).orElse(null);
		String previous = shown > 1 ? request.link(pageParam(block.id()), String.valueOf(shown - 1), null) : null;
		String next = shown < pages ? request.link(pageParam(block.id()), String.valueOf(shown + 1), null) : null;
		return new Rendered("leaderboard", block.id(), title, null, field.get().name(), null, null, null, entries, mine,
				null, null, null, null, "No ranked partners yet.",
				new ListView(List.of(), shown, pages, total, previous, next, null));
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
		return new Rendered("leaderboard", block.id(), shown, null, field.get().name(), null, null, null, entries, mine,
				null, null, null, null, "No ranked partners yet.");
	}

	private static String title(PcBlock block, String fallback) {
		return block.get("title").isBlank() ? fallback : block.get("title");
	}

}
