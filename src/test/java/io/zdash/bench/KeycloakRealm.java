package io.zdash.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zdash.WebJourney;

/**
 * Creates the benchmark's realm on a Keycloak in dev mode through its admin REST API, in one import:
 * a public client with the standard (browser) flow, brute-force detection on, the OTP policy of
 * authenticator apps (HMAC-SHA1, 6 digits, 30 s), and N users each with a password and a TOTP
 * credential. An import is the one way Keycloak takes a known TOTP secret; its password values are
 * hashed on the way in, with the Argon2id parameters the server was started with.
 */
final class KeycloakRealm {

	static final String REALM = "bench";

	static final String CLIENT = "bench-browser";

	static final String REDIRECT_URI = "http://127.0.0.1:9/after-sign-in";

	private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeycloakRealm() {
	}

	/** Creates the realm with {@code users} users; returns them with their TOTP keys. */
	static List<Levels.Account> create(int port, String adminUser, String adminPassword, int users) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		String base = "http://127.0.0.1:" + port;
		HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base
				+ "/realms/master/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
					+ encode(adminUser) + "&password=" + encode(adminPassword)))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher access = TOKEN.matcher(token.body());
		if (token.statusCode() != 200 || !access.find()) {
			throw new IllegalStateException("Keycloak's admin token: " + token.statusCode() + " " + token.body());
		}
		List<Levels.Account> accounts = new ArrayList<>();
		StringBuilder realm = new StringBuilder().append("{\"realm\":\"").append(REALM).append("\",\"enabled\":true,")
			.append("\"sslRequired\":\"none\",\"bruteForceProtected\":true,\"loginWithEmailAllowed\":true,")
			.append("\"otpPolicyType\":\"totp\",\"otpPolicyAlgorithm\":\"HmacSHA1\",\"otpPolicyDigits\":6,")
			.append("\"otpPolicyPeriod\":30,\"otpPolicyLookAheadWindow\":1,")
			.append("\"clients\":[{\"clientId\":\"").append(CLIENT).append("\",\"publicClient\":true,")
			.append("\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"redirectUris\":[\"")
			.append(REDIRECT_URI).append("\"]}],\"users\":[");
		for (int i = 0; i < users; i++) {
			String login = "user" + i + "@bench.test";
			String secret = randomSecret();
			accounts.add(new Levels.Account(login, secret.getBytes(StandardCharsets.UTF_8)));
			realm.append(i == 0 ? "" : ",").append("{\"username\":\"").append(login).append("\",\"email\":\"")
				.append(login).append("\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Bench\",")
				.append("\"lastName\":\"User").append(i).append("\",\"credentials\":[")
				.append("{\"type\":\"password\",\"temporary\":false,\"value\":\"").append(WebJourney.PASSWORD).append("\"},")
				.append("{\"type\":\"otp\",\"userLabel\":\"app\",\"secretData\":\"{\\\"value\\\":\\\"").append(secret)
				.append("\\\"}\",\"credentialData\":\"{\\\"subType\\\":\\\"totp\\\",\\\"digits\\\":6,\\\"counter\\\":0,")
				.append("\\\"period\\\":30,\\\"algorithm\\\":\\\"HmacSHA1\\\"}\"}]}");
		}
		realm.append("]}");
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
			.timeout(Duration.ofMinutes(20))
			.header("Authorization", "Bearer " + access.group(1))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(realm.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("Keycloak's realm import: " + created.statusCode() + " " + created.body());
		}
		return accounts;
	}

	/** 20 letters and digits: Keycloak keys the HMAC with the secret's UTF-8 bytes, as its own setup page does. */
	private static String randomSecret() {
		StringBuilder secret = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			secret.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
		}
		return secret.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
