package dev.partnerhub.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: error messages name the row and field in words, once, never an internal path
 * such as {@code filter.conditions[0].value}; the path stays the exception's field.
 */
class FieldPathsTests {

	@Test
	void aLeadingPathBecomesTheRowAndFieldInWords() {
		assertThat(FieldPaths.inWords("filter.conditions[0].value: a value is required"))
			.isEqualTo("Condition 1: a value is required");
		assertThat(FieldPaths.inWords("filter.conditions[0].value: 'lots' is not a number"))
			.isEqualTo("Condition 1, value: 'lots' is not a number");
		assertThat(FieldPaths.inWords("filter.conditions[2].op: 'gt' does not apply to status"))
			.isEqualTo("Condition 3, operator: 'gt' does not apply to status");
		assertThat(FieldPaths.inWords("filter.conditions[1].conditions[0].field: unknown field 'x'"))
			.isEqualTo("Group 2, condition 1: unknown field 'x'");
		assertThat(FieldPaths.inWords("filter.conditions[1].conditions: the group is empty"))
			.isEqualTo("Group 2: the group is empty");
		assertThat(FieldPaths.inWords("filter.conditions: the group is empty")).isEqualTo("Filter: the group is empty");
		assertThat(FieldPaths.inWords("actions[1].param: unknown e-mail template 'nope'"))
			.isEqualTo("Action 2: unknown e-mail template 'nope'");
		assertThat(FieldPaths.inWords("actions[0].type: a type is required")).isEqualTo("Action 1: a type is required");
		assertThat(FieldPaths.inWords("blocks[2].filter.conditions[0].field: unknown field 'email'"))
			.isEqualTo("Block 3, condition 1: unknown field 'email'");
	}

	@Test
	void otherMessagesAreLeftAlone() {
		assertThat(FieldPaths.inWords("name: a name is required")).isEqualTo("name: a name is required");
		assertThat(FieldPaths.inWords("Unknown program: Widget Partners"))
			.isEqualTo("Unknown program: Widget Partners");
		assertThat(FieldPaths.inWords(null)).isNull();
	}

	@Test
	void theExceptionKeepsThePathAsItsFieldAndSaysTheWords() {
		InvalidInputException ex = new InvalidInputException("filter.conditions[0].value",
				"filter.conditions[0].value: a value is required");
		assertThat(ex.field()).isEqualTo("filter.conditions[0].value");
		assertThat(ex.getMessage()).isEqualTo("Condition 1: a value is required");
	}

}
