package dev.partnerhub.support.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * "Did you mean …?" for an unknown merge field: a renamed old name or the nearest known
 * one.
 */
final class FieldSuggestions {

	/** Old names → the name every text uses now, for "did you mean". */
	private static final Map<String, String> RENAMED = Map.of("trackedLink", "referralLink", "partner.link",
			"referralLink", "link", "referralLink", "program", "programName", "partner.code", "code",
			"partner.firstName", "firstName", "partner.lastName", "lastName");

	private FieldSuggestions() {
	}

	static @Nullable String nearest(String name, String resolved, Map<String, String> aliases, Set<String> known) {
		// names of the old syntaxes (promo tools, page blocks) and a field's non-existent
		// part ({{referralLink.foo}}): the field itself
		String renamed = RENAMED.get(name);
		if (renamed != null && known.contains(renamed)) {
			return renamed;
		}
		int dot = name.indexOf('.');
		if (dot > 0 && !aliases.containsKey(name.substring(0, dot)) && known.contains(name.substring(0, dot))) {
			return name.substring(0, dot);
		}
		// compare without an old prefix such as partner. (promo tools' old syntax)
		String wanted = name.replaceFirst("^(partner|program|contact|commission)\\.", "").toLowerCase(Locale.ROOT);
		String prefix = resolved.equals(name) ? null : resolved.substring(0, resolved.indexOf('.') + 1);
		List<String> candidates = new ArrayList<>();
		for (String k : known) {
			if (prefix != null) {
				if (k.startsWith(prefix)) {
					candidates.add(name.substring(0, name.indexOf('.') + 1) + k.substring(prefix.length()));
				}
			}
			else if (k.indexOf('.') < 0) {
				candidates.add(k);
			}
		}
		return candidates.stream()
			.filter(c -> score(wanted, c) <= Math.max(2, wanted.length() / 3) || containsWord(c, wanted))
			.min(Comparator.<String>comparingInt(c -> score(wanted, c)).thenComparing(Comparator.naturalOrder()))
			.orElse(null);
	}

	private static boolean containsWord(String candidate, String wanted) {
		return wanted.length() >= 3 && candidate.toLowerCase(Locale.ROOT).contains(wanted);
	}

	private static int score(String wanted, String candidate) {
		String c = candidate.toLowerCase(Locale.ROOT);
		int dot = c.lastIndexOf('.');
		return distance(wanted.substring(wanted.lastIndexOf('.') + 1), dot < 0 ? c : c.substring(dot + 1));
	}

	private static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1];
		int[] cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			prev[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
			}
			int[] swap = prev;
			prev = cur;
			cur = swap;
		}
		return prev[b.length()];
	}

}
