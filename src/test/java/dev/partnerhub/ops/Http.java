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

/**
 * A tiny HTTP client for tests against real ports: no redirects followed, cookies handled
 * by hand.
 */
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

	/** What {@link #raw} read: the status and the headers (names in lower case). */
	record Raw(int status, java.util.Map<String, List<String>> headers) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
			return values == null ? null : values.get(0);
		}

		String cookie(String name) {
			List<String> all = this.headers.getOrDefault("set-cookie", List.of());
			return all.stream()
				.filter(c -> c.startsWith(name + "="))
				.map(c -> c.substring(name.length() + 1).split(";", 2)[0])
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * An HTTP/1.1 request written by hand on a socket, with any {@code Host} header:
	 * java.net.http refuses to set {@code Host}, and a forged one is exactly what a
	 * hostile client sends. Form bodies only; the body is not read.
	 */
	static Raw raw(String method, String url, String host, String formBody, String... headers) {
		URI uri = URI.create(url);
		StringBuilder request = new StringBuilder().append(method)
			.append(' ')
			.append(uri.getRawPath())
			.append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
			.append(" HTTP/1.1\r\nHost: ")
			.append(host)
			.append("\r\nConnection: close\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		byte[] body = formBody == null ? new byte[0] : formBody.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		if (formBody != null) {
			request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
				.append(body.length)
				.append("\r\n");
		}
		request.append("\r\n");
		try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(30_000);
			java.io.OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
					socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
			String statusLine = in.readLine();
			if (statusLine == null) {
				throw new AssertionError("No response to " + method + " " + url);
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			java.util.Map<String, List<String>> received = new java.util.LinkedHashMap<>();
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				int colon = line.indexOf(':');
				received
					.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
							name -> new java.util.ArrayList<>())
					.add(line.substring(colon + 1).strip());
			}
			return new Raw(status, received);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String[] concat(String[] headers, String... more) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
		System.arraycopy(more, 0, all, headers.length, more.length);
		return all;
	}

}
