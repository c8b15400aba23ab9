package io.zdash.passkey;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Who we are to an authenticator: the relying party of the configured address
 * ({@code zdash.base-url}, env {@code ZDASH_BASEURL}). Its host is the relying-party id, and its
 * origin the one origin a key's answer may come from. A browser binds each key to the id it was
 * made for, so a look-alike site cannot ask for our keys at all: that is what makes a passkey
 * phishing-resistant. One exception, for a machine of one's own: when the address is
 * {@code localhost}, any port of {@code http://localhost} is that origin (a test server's random
 * port, a second node on the next port).
 */
@Component
class RelyingParty {

	private final String id;

	private final String origin;

	private final PublicKeyCredentialRpEntity entity;

	private final RelyingPartyUsers users;

	private final RelyingPartyKeys keys;

	private final Map<String, Webauthn4JRelyingPartyOperations> operations = new ConcurrentHashMap<>();

	RelyingParty(@Value("${zdash.base-url:http://localhost:8080}") String baseUrl,
			@Value("${zdash.issuer:Z-API}") String name, RelyingPartyUsers users, RelyingPartyKeys keys) {
		URI uri = URI.create(baseUrl);
		this.id = uri.getHost();
		// Browsers allow WebAuthn over http on localhost only: anywhere else the origin is https.
		String scheme = "localhost".equals(this.id) ? uri.getScheme() : "https";
		this.origin = scheme + "://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
		this.entity = PublicKeyCredentialRpEntity.builder().id(this.id).name(name).build();
		this.users = users;
		this.keys = keys;
	}

	String id() {
		return this.id;
	}

	PublicKeyCredentialRpEntity entity() {
		return this.entity;
	}

	/** Spring Security's relying party for the origin this request may answer from. */
	Webauthn4JRelyingPartyOperations operations(HttpServletRequest request) {
		return this.operations.computeIfAbsent(originOf(request), this::create);
	}

	private String originOf(HttpServletRequest request) {
		boolean local = "localhost".equals(this.id) && "localhost".equals(request.getServerName())
				&& "http".equals(request.getScheme());
		int port = request.getServerPort();
		return !local ? this.origin : (port == 80) ? "http://localhost" : "http://localhost:" + port;
	}

	/**
	 * Resident keys preferred, not required, and user verification preferred: a passkey verifies its
	 * user (PIN, biometric) and is discoverable, so it also signs in alone; a plain security key
	 * without a PIN can still be added, and then serves as a second factor only.
	 */
	private Webauthn4JRelyingPartyOperations create(String allowedOrigin) {
		Webauthn4JRelyingPartyOperations created = new Webauthn4JRelyingPartyOperations(this.users, this.keys,
				this.entity, Set.of(allowedOrigin));
		created.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria
			.builder()
			.residentKey(ResidentKeyRequirement.PREFERRED)
			.userVerification(UserVerificationRequirement.PREFERRED)
			.build()));
		return created;
	}

}
