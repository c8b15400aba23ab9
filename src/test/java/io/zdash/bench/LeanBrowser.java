package io.zdash.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as cheap as possible for the client's side of the shared two cores, the same for every
 * server measured: one HTTP client (kept-alive connections) for every flow, cookies kept by name
 * (each flow is a new browser), form fields and actions found with patterns instead of an HTML
 * parser, redirects followed one at a time so each request is timed.
 */
final class LeanBrowser {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final Pattern COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)(.*)$");

	private final URI base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	LeanBrowser(String base) {
		this.base = URI.create(base);
	}

	HttpResponse<String> get(String url) throws Exception {
		return send(request(url).GET());
	}

	HttpResponse<String> post(String url, String... nameValuePairs) throws Exception {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < nameValuePairs.length; i += 2) {
			form.append(form.isEmpty() ? "" : "&").append(encode(nameValuePairs[i])).append('=')
				.append(encode(nameValuePairs[i + 1]));
		}
		return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
	}

	/** The redirect's target, fetched as a browser would; fails on anything but a redirect. */
	HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
		return get(location(redirect));
	}

	static String location(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 3) {
			throw new IllegalStateException("Expected a redirect from " + response.uri() + ", got " + response.statusCode());
		}
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The first capture of {@code pattern} in the page, with HTML's {@code &amp;} undone. */
	static String find(HttpResponse<String> page, Pattern pattern) {
		Matcher found = pattern.matcher(page.body());
		if (!found.find()) {
			throw new IllegalStateException("Not on " + page.uri() + " (status " + page.statusCode() + "): " + pattern);
		}
		return found.group(1).replace("&amp;", "&");
	}

	private HttpRequest.Builder request(String url) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve(url));
		if (!this.cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			this.cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=')
				.append(value));
			builder.header("Cookie", header.toString());
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			Matcher parts = COOKIE.matcher(cookie);
			if (parts.find()) {
				String attributes = parts.group(3).toLowerCase(java.util.Locale.ROOT);
				if (parts.group(2).isEmpty() || attributes.contains("max-age=0")) {
					this.cookies.remove(parts.group(1));
				}
				else {
					this.cookies.put(parts.group(1), parts.group(2));
				}
			}
		}
		return response;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
