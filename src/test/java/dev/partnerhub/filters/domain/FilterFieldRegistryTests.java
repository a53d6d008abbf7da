package dev.partnerhub.filters.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.FieldCatalog.Field;
import dev.partnerhub.filters.FieldType;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterFieldProvider;
import dev.partnerhub.filters.FilterTarget;
import dev.partnerhub.filters.Op;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider plug-in point without Spring: what a provider offers is listed, resolved
 * and compiled.
 */
class FilterFieldRegistryTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

	/** A module's fixed fields over the target's partner row. */
	static final class TierFields implements FilterFieldProvider {

		@Override
		public FilterTarget.Subject subject() {
			return FilterTarget.Subject.PARTNER;
		}

		@Override
		public List<Field> fields(FilterTarget target) {
			return List.of(Field.of("tier", FieldType.NUMBER, target.partner().column("tier")));
		}

	}

	/** A module's fixed fields over the target's contact row. */
	static final class NameFields implements FilterFieldProvider {

		@Override
		public FilterTarget.Subject subject() {
			return FilterTarget.Subject.CONTACT;
		}

		@Override
		public List<Field> fields(FilterTarget target) {
			return List.of(Field.of("nickname", FieldType.TEXT, target.contact().column("nickname")));
		}

	}

	/** Open-ended fields {@code score:<name>} keyed by the contact id, as rollups are. */
	static final class ScoreFields implements FilterFieldProvider {

		@Override
		public String prefix() {
			return "score:";
		}

		@Override
		public List<Field> fields(FilterTarget target) {
			return List.of(score("Engagement", target));
		}

		@Override
		public Optional<Field> resolve(String name, FilterTarget target) {
			return "engagement".equalsIgnoreCase(name) ? Optional.of(score("Engagement", target)) : Optional.empty();
		}

		private static Field score(String name, FilterTarget target) {
			return Field.of("score:" + name, FieldType.MONEY, "score_of(" + target.contactId() + ")");
		}

	}

	private final FilterFieldRegistry registry = new FilterFieldRegistry(
			List.of(new ScoreFields(), new NameFields(), new TierFields()));

	@Test
	void aProvidersFieldIsOfferedAndCompilesOverTheTargetsBinding() {
		FilterTarget partners = FilterTarget.partners("rp", "rc", "rg");
		assertThat(this.registry.fieldNames(partners)).containsExactly("tier", "nickname", "score:Engagement");

		Filter filter = Filter.all(new Condition("tier", Op.GTE, "2"), new Condition("nickname", Op.EQ, "Jo"));
		SqlFragment sql = FilterCompiler.compile(filter, this.registry.catalogFor(filter, partners), TODAY, "t",
				"filter");
		assertThat(sql.sql()).isEqualTo("(rp.tier >= :t_1 and lower(rc.nickname) = lower(:t_2))");
		assertThat(sql.params()).containsEntry("t_2", "Jo");
	}

	@Test
	void theTargetsSubjectListsItsOwnFieldsFirst() {
		assertThat(this.registry.fieldNames(FilterTarget.contacts("gc", "gp", "gg"))).containsExactly("nickname",
				"tier", "score:Engagement");
	}

	@Test
	void anOpenEndedFieldEntersTheCatalogUnderTheSpellingTheFilterUses() {
		FilterTarget contacts = FilterTarget.contacts("gc", "gp", "gg");
		Filter filter = Filter.all(new Condition(" score:ENGAGEMENT ", Op.GT, "5"));
		var catalog = this.registry.catalogFor(filter, contacts);
		assertThat(catalog.names()).containsExactly("nickname", "tier", "score:ENGAGEMENT");
		SqlFragment sql = FilterCompiler.compile(filter, catalog, TODAY, "s", "filter");
		assertThat(sql)
			.isEqualTo(new SqlFragment("score_of(gc.id) > :s_1", Map.of("s_1", new java.math.BigDecimal("5"))));
		// fields a filter does not name stay out of its catalog (and out of "known: ..."
		// messages)
		assertThat(this.registry.catalogFor(Filter.all(new Condition("tier", Op.EQ, "1")), contacts).names())
			.containsExactly("nickname", "tier");
	}

	@Test
	void anUnknownOpenEndedFieldIsAnErrorOnTheConditionsPath() {
		Filter filter = Filter.all(new Condition("tier", Op.EQ, "1"),
				Filter.any(new Condition("score:Loyalty", Op.GT, "5")));
		assertThatThrownBy(() -> this.registry.catalogFor(filter, FilterTarget.contacts("gc", "gp", "gg")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("Group 2, condition 1: unknown score field 'Loyalty'");
	}

}
