package dev.partnerhub.mail.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.branding.Brand;

/**
 * The HTML wrapper of an e-mail: the company's logo (an absolute link to the public
 * {@code /brand/logo.png}) and name over the message's text, escaped, with its links
 * clickable. The text part stays as written, signed with the company name. Unbranded (no
 * name, no logo), messages stay plain text only, as before.
 */
final class MailLayout {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

	private static final String TRAILING_PUNCTUATION = ".,;:!?)";

	private MailLayout() {
	}

	static boolean branded(Brand brand) {
		return brand.named() || brand.hasLogo();
	}

	/** The text part: the body, and the company name under it when it is not there. */
	static String text(String body, Brand brand) {
		if (!brand.named() || body.contains(brand.companyName())) {
			return body;
		}
		return body.stripTrailing() + "\n\n-- \n" + brand.companyName() + "\n";
	}

	static String html(String body, Brand brand, String baseUrl) {
		String color = brand.primaryColor() == null ? "#0d6efd" : brand.primaryColor();
		String name = escape(brand.name());
		StringBuilder html = new StringBuilder(body.length() * 2 + 800);
		html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
			.append(name)
			.append("</title></head><body style=\"margin:0;padding:0;background:#f4f5f7\">")
			.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">")
			.append("<tr><td align=\"center\" style=\"padding:24px 12px\">")
			.append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" ")
			.append("style=\"max-width:600px;width:100%;background:#ffffff;border-top:4px solid ")
			.append(color)
			.append("\"><tr><td style=\"padding:20px 24px 8px;font-family:Arial,sans-serif\">");
		if (brand.hasLogo()) {
			html.append("<img src=\"")
				.append(escape(baseUrl + brand.logoPath()))
				.append("\" alt=\"")
				.append(name)
				.append("\" style=\"max-height:48px;max-width:240px;display:block;margin-bottom:8px\">");
		}
		html.append("<div style=\"font-size:18px;font-weight:bold;color:#212529\">")
			.append(name)
			.append("</div></td></tr><tr><td style=\"padding:8px 24px 24px;font-family:Arial,sans-serif;")
			.append("font-size:15px;line-height:1.5;color:#212529;white-space:pre-wrap\">")
			.append(linked(escape(body), color))
			.append("</td></tr></table></td></tr></table></body></html>");
		return html.toString();
	}

	/**
	 * HTML-escaped for text and attribute values (the domain layer keeps off Spring's web
	 * utilities).
	 */
	static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * The escaped text with its http(s) addresses as links (trailing punctuation left
	 * out).
	 */
	private static String linked(String escaped, String color) {
		Matcher m = LINK.matcher(escaped);
		StringBuilder out = new StringBuilder(escaped.length() + 64);
		int last = 0;
		while (m.find()) {
			String url = m.group();
			int end = url.length();
			while (end > 0 && TRAILING_PUNCTUATION.indexOf(url.charAt(end - 1)) >= 0) {
				end--;
			}
			url = url.substring(0, end);
			out.append(escaped, last, m.start())
				.append("<a href=\"")
				.append(url)
				.append("\" style=\"color:")
				.append(color)
				.append("\">")
				.append(url)
				.append("</a>");
			last = m.start() + end;
		}
		return out.append(escaped, last, escaped.length()).toString();
	}

}
