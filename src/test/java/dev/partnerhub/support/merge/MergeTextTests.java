package dev.partnerhub.support.merge;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, "one merge syntax": {{field}} everywhere, unknown fields and the old or
 * malformed syntaxes are errors that say what to write, nothing is evaluated.
 */
class MergeTextTests {

	private static final Set<String> KNOWN = Set.of("firstName", "referralLink", "status", "promoTools",
			"promoTools.name", "promoTools.link", "hasPromoTools", "code");

	@Test
	void fieldsFallbacksConditionsAndLoopsRender() {
		String text = """
				Hello {{firstName | "there"}}, {{code}}!
				{{#if status == "pending"}}Wait.{{else}}Go.{{/if}}
				{{#if hasPromoTools}}{{#each promoTools as tool}}- {{tool.name}}: {{tool.link}}
				{{/each}}{{/if}}""";
		Map<String, Object> values = Map.of("firstName", "", "code", "jane", "status", "pending", "hasPromoTools", true,
				"promoTools", List.of(Map.of("name", "Banner", "link", "https://x/r/jane?t=1"),
						Map.of("name", "Text", "link", "https://x/r/jane?t=2")));
		MergeText parsed = MergeText.parse(text).check(KNOWN);
		assertThat(parsed.render(values, false)).isEqualTo("""
				Hello there, jane!
				Wait.
				- Banner: https://x/r/jane?t=1
				- Text: https://x/r/jane?t=2
				""");
		assertThat(parsed.fields()).contains("promoTools.name", "firstName", "status");
	}

	@Test
	void aFieldWithoutAValueRendersEmptyNeverTheRawField() {
		assertThat(MergeText.render("Hi {{firstName}}.{{unknownOne}}", Map.of(), false)).isEqualTo("Hi .");
	}

	@Test
	void htmlContextsEscapeValuesButNotTheAdminsText() {
		assertThat(MergeText.render("<b>{{firstName}}</b>", Map.of("firstName", "<script>O'Brien&"), true))
			.isEqualTo("<b>&lt;script&gt;O&#39;Brien&amp;</b>");
		assertThat(MergeText.render("{{firstName}}", Map.of("firstName", "O'Brien"), false)).isEqualTo("O'Brien");
	}

	@Test
	void anUnknownFieldIsAnErrorWithTheNearestKnownName() {
		assertThatThrownBy(() -> MergeText.parse("x\nHi {{referalLink}}").check(KNOWN))
			.hasMessage("Line 2: unknown merge field {{referalLink}}: did you mean {{referralLink}}?");
		assertThatThrownBy(() -> MergeText.parse("{{partner.code}}").check(KNOWN))
			.hasMessageContaining("unknown merge field {{partner.code}}: did you mean {{code}}?");
		assertThatThrownBy(() -> MergeText.parse("{{partner.link}}").check(KNOWN))
			.hasMessageContaining("did you mean {{referralLink}}?");
		assertThatThrownBy(() -> MergeText.parse("{{#each promoTools as t}}{{t.nam}}{{/each}}").check(KNOWN))
			.hasMessageContaining("unknown merge field {{t.nam}}: did you mean {{t.name}}?");
		assertThatThrownBy(() -> MergeText.parse("{{trackedLink}}").check(KNOWN))
			.hasMessageContaining("did you mean {{referralLink}}?");
		assertThatThrownBy(() -> MergeText.parse("{{referralLink.foo}}").check(KNOWN))
			.hasMessageContaining("did you mean {{referralLink}}?");
		assertThatThrownBy(() -> MergeText.parse("{{zzzzzzzz}}").check(KNOWN))
			.hasMessageContaining("unknown merge field {{zzzzzzzz}}: see the list of merge fields.");
	}

	@Test
	void oldSyntaxesAndNearMissesSayWhatIsWrong() {
		assertThatThrownBy(() -> MergeText.parse("Hi [[${firstName}]]"))
			.hasMessage("Line 1: \"[[${firstName}]]\" is the old merge syntax: write {{firstName}}.");
		assertThatThrownBy(() -> MergeText.parse("[(${code})]")).hasMessageContaining("write {{code}}");
		assertThatThrownBy(() -> MergeText.parse("[# th:if=\"${hasPromoTools}\"]x[/]"))
			.hasMessageContaining("old block syntax");
		assertThatThrownBy(() -> MergeText.parse("Your link: {link}"))
			.hasMessage("Line 1: \"{link}\" is not a merge field: write {{link}} (two braces on each side).");
		assertThatThrownBy(() -> MergeText.parse("Your link: {{ link }"))
			.hasMessage("Line 1: \"{{ link }\" is not closed: write {{link}}.");
		assertThatThrownBy(() -> MergeText.parse("Your link: {link}}")).hasMessageContaining("without an opening {{");
		assertThatThrownBy(() -> MergeText.parse("{{#if code}}x")).hasMessageContaining("end it with {{/if}}");
		assertThatThrownBy(() -> MergeText.parse("x{{/each}}")).hasMessageContaining("has no opening");
		assertThatThrownBy(() -> MergeText.parse("${firstName}")).hasMessageContaining("write {{firstName}}");
	}

	@Test
	void adminTextIsNeverEvaluated() {
		// the old engine's dangerous expressions are refused, never run
		assertThatThrownBy(() -> MergeText.parse("[[${T(java.lang.Runtime).getRuntime().exec('touch /tmp/x')}]]"))
			.isInstanceOf(MergeText.Failure.class)
			.hasMessageContaining("old merge syntax");
		assertThatThrownBy(() -> MergeText.parse("{{T(java.lang.Runtime).getRuntime()}}"))
			.hasMessageContaining("is not a merge field");
		assertThatThrownBy(() -> MergeText.parse("{{firstName.getClass()}}"))
			.hasMessageContaining("is not a merge field");
		// a value that looks like syntax stays text: values are never parsed again
		assertThat(MergeText.render("{{firstName}}", Map.of("firstName", "{{code}} [[${code}]]", "code", "x"), false))
			.isEqualTo("{{code}} [[${code}]]");
		// a map's value is read as data, never as a method
		assertThat(MergeText.render("{{firstName.class}}", Map.of("firstName", "x"), false)).isEmpty();
	}

}
