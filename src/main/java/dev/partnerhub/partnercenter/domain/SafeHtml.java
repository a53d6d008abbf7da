package dev.partnerhub.partnercenter.domain;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The admin's HTML of text blocks through an allow-list (OWASP Java HTML Sanitizer):
 * formatting, links, blocks, tables and images; scripts, event handlers, styles and
 * {@code javascript:} URLs are dropped.
 */
public final class SafeHtml {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.LINKS)
		.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.IMAGES)
		.and(new HtmlPolicyBuilder().allowElements("hr", "br", "span", "div").toFactory());

	private SafeHtml() {
	}

	/** Text as HTML text or attribute value. */
	public static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	public static String sanitize(String html) {
		return html == null ? "" : POLICY.sanitize(html);
	}

}
