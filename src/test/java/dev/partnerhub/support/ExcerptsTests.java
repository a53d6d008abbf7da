package dev.partnerhub.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptsTests {

	@Test
	void shortTextIsKeptAndLongTextIsCutWithAnEllipsis() {
		assertThat(Excerpts.of("abc", 3)).isEqualTo("abc");
		assertThat(Excerpts.of("abcd", 3)).isEqualTo("abc…");
	}

	@Test
	void aCutNeverSplitsASurrogatePair() {
		// "ab" + U+1F600 (two chars): a cut after 3 chars would keep half of the emoji
		String text = "ab\uD83D\uDE00cd";
		assertThat(Excerpts.of(text, 3)).isEqualTo("ab…");
		assertThat(Excerpts.of(text, 4)).isEqualTo("ab\uD83D\uDE00…");
	}

}
