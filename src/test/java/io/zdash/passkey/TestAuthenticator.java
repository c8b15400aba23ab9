package io.zdash.passkey;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A software authenticator for the server-side tests: an ES256 key pair and a credential id, which
 * answers the options JSON of our pages as a browser's {@code navigator.credentials} would (the
 * browser tests use Chromium's virtual authenticator instead). Its fields say how to misbehave.
 */
public final class TestAuthenticator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ObjectConverter CONVERTER = new ObjectConverter();

	private final KeyPair keys;

	final byte[] credentialId;

	/** Where the browser says the page was: a look-alike site's origin, for one. */
	public String origin = "http://localhost";

	/** Which site the authenticator signs for. */
	public String rpId = "localhost";

	public boolean verifiesUser = true;

	public long counter;

	private byte[] userHandle;

	public TestAuthenticator() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		this.keys = generator.generateKeyPair();
		this.credentialId = new byte[32];
		new java.security.SecureRandom().nextBytes(this.credentialId);
	}

	/** The answer to creation options: a new credential, attestation "none". */
	public String create(String optionsJson) throws Exception {
		JsonNode options = JSON.readTree(optionsJson);
		this.userHandle = decode(options.get("user").get("id").asString());
		byte[] clientData = clientData("webauthn.create", options.get("challenge").asString());
		AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, this.credentialId,
				EC2COSEKey.create((ECPublicKey) this.keys.getPublic(), COSEAlgorithmIdentifier.ES256));
		AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
				sha256(this.rpId.getBytes(StandardCharsets.UTF_8)), flags(AuthenticatorData.BIT_AT), this.counter, credential);
		byte[] attestation = CONVERTER.getCborConverter()
			.writeValueAsBytes(new AttestationObject(data, new NoneAttestationStatement()));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("attestationObject", encode(attestation));
		response.put("clientDataJSON", encode(clientData));
		response.put("transports", List.of("internal"));
		return answer(response);
	}

	/** The answer to request options: a signature over the challenge. */
	public String get(String optionsJson) throws Exception {
		JsonNode options = JSON.readTree(optionsJson);
		byte[] clientData = clientData("webauthn.get", options.get("challenge").asString());
		byte[] data = new AuthenticatorDataConverter(CONVERTER).convert(
				new AuthenticatorData<>(sha256(this.rpId.getBytes(StandardCharsets.UTF_8)), flags((byte) 0), this.counter));
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(this.keys.getPrivate());
		signer.update(data);
		signer.update(sha256(clientData));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("authenticatorData", encode(data));
		response.put("clientDataJSON", encode(clientData));
		response.put("signature", encode(signer.sign()));
		if (this.userHandle != null) {
			response.put("userHandle", encode(this.userHandle));
		}
		return answer(response);
	}

	private String answer(Map<String, Object> response) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", encode(this.credentialId));
		credential.put("rawId", encode(this.credentialId));
		credential.put("type", "public-key");
		credential.put("response", response);
		credential.put("clientExtensionResults", Map.of());
		credential.put("authenticatorAttachment", "platform");
		return JSON.writeValueAsString(credential);
	}

	private byte flags(byte extra) {
		return (byte) (AuthenticatorData.BIT_UP | (this.verifiesUser ? AuthenticatorData.BIT_UV : 0) | extra);
	}

	private byte[] clientData(String type, String challenge) {
		return JSON.writeValueAsString(Map.of("type", type, "challenge", challenge, "origin", this.origin,
				"crossOrigin", false)).getBytes(StandardCharsets.UTF_8);
	}

	static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] decode(String text) {
		return Base64.getUrlDecoder().decode(text);
	}

	private static byte[] sha256(byte[] bytes) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(bytes);
	}

}
