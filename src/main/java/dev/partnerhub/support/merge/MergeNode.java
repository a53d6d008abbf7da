package dev.partnerhub.support.merge;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A parsed piece of a merge text: plain text, a field, an if block or a loop. */
sealed interface MergeNode permits MergeNode.Text, MergeNode.Field, MergeNode.If, MergeNode.Each {

	record Text(String text) implements MergeNode {
	}

	record Field(String name, @Nullable String fallback, int line) implements MergeNode {
	}

	record If(String name, @Nullable String op, @Nullable String value, List<MergeNode> then, List<MergeNode> otherwise,
			int line) implements MergeNode {
	}

	record Each(String list, String alias, List<MergeNode> body, int line) implements MergeNode {
	}

}
