package io.zdash.passkey;

import java.util.Optional;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.web.webauthn.api.AuthenticatorResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;

/**
 * The JSON spoken with the page's script, in Spring Security's WebAuthn shapes: options out, a
 * credential back. What comes back is anyone's to forge, so reading it never throws.
 */
final class BrowserJson {

	/** An answer bigger than this is no authenticator's (a key's id is at most 1023 bytes). */
	static final int MAX_ANSWER = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	private BrowserJson() {
	}

	static String write(Object options) {
		return JSON.writeValueAsString(options);
	}

	/** The credential in {@code answer}, if it is one with an id and a response. */
	static <R extends AuthenticatorResponse> Optional<PublicKeyCredential<R>> credential(String answer,
			Class<R> response) {
		if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER) {
			return Optional.empty();
		}
		JavaType type = JSON.getTypeFactory().constructParametricType(PublicKeyCredential.class, response);
		try {
			PublicKeyCredential<R> credential = JSON.readValue(answer, type);
			return Optional.ofNullable(credential)
				.filter(c -> c.getRawId() != null && c.getResponse() != null && c.getRawId().getBytes().length > 0);
		}
		catch (RuntimeException malformed) {
			return Optional.empty();
		}
	}

}
