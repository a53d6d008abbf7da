package dev.partnerhub.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChangesTests {

	private static Map<String, Object> fields(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Test
	void onlyChangedFieldsInTheCallersOrder() {
		Changes changes = Changes.between(fields("name", "A", "cookieDays", 30, "tiers", 1, "next", null),
				fields("name", "A", "cookieDays", 60, "tiers", 2, "next", "Gold"));
		assertThat(changes.before()).isEqualTo("cookieDays=30; tiers=1; next=none");
		assertThat(changes.after()).isEqualTo("cookieDays=60; tiers=2; next=Gold");
		assertThat(changes.isEmpty()).isFalse();
	}

	@Test
	void noChangeIsEmpty() {
		assertThat(Changes.between(fields("a", 1, "b", null), fields("a", 1, "b", null)).isEmpty()).isTrue();
		assertThat(Changes.describe(fields("a", 1, "b", null))).isEqualTo("a=1; b=none");
	}

}
