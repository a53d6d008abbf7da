package dev.partnerhub.partnercenter.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.FilterNode;
import dev.partnerhub.filters.Op;
import dev.partnerhub.partnercenter.domain.PcPages.PageDraft;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seed's custom launch center in one click: a rollup "approved commissions for the
 * product since the contest start" (the contest's ranking value) and a published page for
 * the program with a welcome text, his launch total, his approved commissions for the
 * product since the start (newest first), his paid history since the start and the
 * leaderboard.
 */
@Service
public class LaunchTemplate {

	private final PcPages pages;

	private final RollupApi rollups;

	private final ProgramApi programs;

	private final BlockConfigs configs;

	LaunchTemplate(PcPages pages, RollupApi rollups, ProgramApi programs, BlockConfigs configs) {
		this.pages = pages;
		this.rollups = rollups;
		this.programs = programs;
		this.configs = configs;
	}

	public record Launch(PcPage page, RollupField rollup) {
	}

	@Transactional
	public Launch create(@Nullable Long programId, @Nullable String sku, @Nullable LocalDate startsOn,
			@Nullable LocalDate endsOn) {
		if (programId == null) {
			throw new InvalidInputException("program", "Choose a program.");
		}
		ProgramSummary program = this.programs.findProgram(programId)
			.orElseThrow(() -> new InvalidInputException("program", "Choose a program."));
		ProductSummary product = this.programs.findProductBySku(sku == null ? "" : sku.strip())
			.orElseThrow(() -> new InvalidInputException("sku", "No product with the SKU '" + sku + "'."));
		if (startsOn == null) {
			throw new InvalidInputException("startsOn", "Enter the contest start date.");
		}
		if (endsOn != null && endsOn.isBefore(startsOn)) {
			throw new InvalidInputException("endsOn", "The end date must not be before the start date.");
		}
		List<FilterNode> conditions = new ArrayList<>(
				List.of(new Condition("status", Op.EQ, "approved"), new Condition("product", Op.EQ, product.sku()),
						new Condition("dateProcessed", Op.ON_OR_AFTER, startsOn.toString())));
		if (endsOn != null) {
			conditions.add(new Condition("dateProcessed", Op.ON_OR_BEFORE, endsOn.toString()));
		}
		String name = "Launch " + product.sku() + " approved since " + startsOn;
		RollupField rollup = this.rollups.create(name, RollupFunction.SUM, Relationship.COMMISSIONS_EARNED, "amount",
				new Filter(dev.partnerhub.filters.Match.ALL, conditions));
		String slug = ("launch-" + product.sku() + "-" + startsOn).toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-");
		PcPage page = this.pages.create(new PageDraft("Launch", slug, 0, false, List.of(program.id()), false, true));
		String since = "since " + startsOn + (endsOn == null ? "" : " through " + endsOn);
		add(page, BlockType.TEXT,
				Map.of("html", "<h2>The " + esc(product.name()) + " launch</h2><p>Welcome, "
						+ "{{firstName}}! Every approved commission for " + esc(product.sku()) + " " + since
						+ " counts for the contest. Your link: <a href=\"{{referralLink}}\">{{referralLink}}</a></p>"));
		add(page, BlockType.STAT, Map.of("figure", "rollup", "rollup", rollup.name(), "label",
				"Your approved commissions for the launch"));
		Filter approved = Filter.all(conditions.toArray(FilterNode[]::new));
		add(page, BlockType.LIST,
				Map.of("source", "commissions_earned", "title",
						"Approved commissions for " + product.sku() + " " + since, "filter",
						FilterJson.toJson(approved), "sort", "dateProcessed", "direction", "desc", "columns",
						"dateProcessed,product,customer,amount", "pageSize", "20"));
		Filter paid = Filter.all(new Condition("status", Op.EQ, "paid"),
				new Condition("dateProcessed", Op.ON_OR_AFTER, startsOn.toString()));
		add(page, BlockType.LIST,
				Map.of("source", "commissions_earned", "title", "Commission history since " + startsOn + " (paid)",
						"filter", FilterJson.toJson(paid), "sort", "datePaid", "direction", "desc", "columns",
						"dateProcessed,product,amount,datePaid", "pageSize", "20"));
		add(page, BlockType.LEADERBOARD, Map.of("rollup", rollup.name(), "top", "10", "title", "Launch leaderboard"));
		return new Launch(page, rollup);
	}

	private void add(PcPage page, BlockType type, Map<String, String> form) {
		this.pages.addBlock(page.id(), type, this.configs.check(type, new LinkedHashMap<>(form)));
	}

	private static String esc(String text) {
		return SafeHtml.escape(text);
	}

}
