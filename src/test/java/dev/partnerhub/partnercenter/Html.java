package dev.partnerhub.partnercenter;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;

import org.springframework.test.web.servlet.ResultActions;

/** The rendered page, read with CSS selectors. */
record Html(Document document, String source) {

	static Html of(ResultActions result) throws Exception {
		String body = result.andReturn().getResponse().getContentAsString();
		return new Html(Jsoup.parse(body), body);
	}

	String text(String css) {
		Elements found = this.document.select(css);
		if (found.isEmpty()) {
			throw new AssertionError("Nothing matches " + css);
		}
		return found.first().text();
	}

	String value(String css) {
		Elements found = this.document.select(css);
		if (found.isEmpty()) {
			throw new AssertionError("Nothing matches " + css);
		}
		return found.first().tagName().equals("textarea") ? found.first().text() : found.first().attr("value");
	}

	int count(String css) {
		return this.document.select(css).size();
	}

	boolean has(String css) {
		return !this.document.select(css).isEmpty();
	}

	/** The cell texts of a table's body rows. */
	java.util.List<java.util.List<String>> rows(String tableCss) {
		return this.document.select(tableCss + " tbody tr")
			.stream()
			.map(tr -> tr.select("td").stream().map(td -> td.text()).toList())
			.toList();
	}

}
