package dev.partnerhub.filters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed binding: aliases are identifiers, columns are built on them, never passed as
 * SQL strings.
 */
class FilterTargetTests {

	@Test
	void aTargetNamesItsRowsAndBuildsColumnsOnThem() {
		FilterTarget group = FilterTarget.contacts("gc", "gp", "gg");
		assertThat(group.subject()).isEqualTo(FilterTarget.Subject.CONTACT);
		assertThat(group.contactId()).isEqualTo("gc.id");
		assertThat(group.partner().column("status")).isEqualTo("gp.status");
		assertThat(group.program().column("name")).isEqualTo("gg.name");
		assertThat(group.partnerOptional()).isTrue();

		FilterTarget rule = FilterTarget.partners("rp", "rc", "rg");
		assertThat(rule.subject()).isEqualTo(FilterTarget.Subject.PARTNER);
		assertThat(rule.contactId()).isEqualTo("rc.id");
		assertThat(rule.partnerOptional()).isFalse();
	}

	@Test
	void anAliasIsAnIdentifierNotAnExpression() {
		assertThatThrownBy(() -> FilterTarget.contacts("rc.id", "gp", "gg"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a table alias");
		assertThatThrownBy(() -> FilterTarget.partners("rp", "rc; drop table contact", "rg"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new FilterTarget.Alias("gc").column("id) or (true"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a column");
	}

	@Test
	void aProgramRowIsReachedThroughAPartnerRow() {
		assertThatThrownBy(() -> new FilterTarget(FilterTarget.Subject.CONTACT, FilterTarget.Alias.of("c"), null,
				FilterTarget.Alias.of("g"), true))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
