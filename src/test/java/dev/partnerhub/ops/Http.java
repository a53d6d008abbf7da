package dev.partnerhub.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny HTTP client for tests against real ports: no redirects followed, cookies handled by hand. */
final class Http {

	static final HttpClient CLIENT = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private Http() {
	}

	static HttpResponse<String> get(String url, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
	}

	static HttpResponse<String> postJson(String url, String json, String... headers) {
		String[] all = concat(headers, "Content-Type", "application/json");
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)), all);
	}

	static HttpResponse<String> postForm(String url, String form, String... headers) {
		String[] all = concat(headers, "Content-Type", "application/x-www-form-urlencoded");
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(form)), all);
	}

	static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
		builder.timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		try {
			return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The value of a cookie the response sets, or null. */
	static String cookie(HttpResponse<?> response, String name) {
		return setCookie(response, name) == null ? null
				: setCookie(response, name).substring(name.length() + 1).split(";", 2)[0];
	}

	/** The whole Set-Cookie header for a cookie, attributes included, or null. */
	static String setCookie(HttpResponse<?> response, String name) {
		List<String> all = response.headers().allValues("Set-Cookie");
		return all.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
	}

	static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		if (!m.find()) {
			throw new AssertionError("No CSRF token in page");
		}
		return m.group(1);
	}

	static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String[] concat(String[] headers, String... more) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
		System.arraycopy(more, 0, all, headers.length, more.length);
		return all;
	}

}
