package io.zdash.passkey;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.passkey.PasskeyCeremonies.Ceremony;
import io.zdash.passkey.PasskeyCeremonies.Purpose;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.zdash.support.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Component;

/**
 * The two WebAuthn ceremonies, run by Spring Security's relying party (webauthn4j checks the
 * signature, challenge, origin, relying-party id and flags): the options a browser is given, kept
 * as a {@link Ceremony} of its session, and the check of the browser's answer against them. Every
 * failure is one of {@link Refusal}, never an exception: what a browser sends is anyone's to forge.
 */
@Component
class PasskeyCeremony {

	private static final Logger log = LoggerFactory.getLogger(PasskeyCeremony.class);

	static final Duration TIMEOUT = Duration.ofMinutes(5);

	private static final AuthenticatorDataConverter COUNTS = new AuthenticatorDataConverter(new ObjectConverter());

	private final RelyingParty relyingParty;

	private final PasskeyCeremonies ceremonies;

	private final PasskeyCredentials credentials;

	private final PasskeyUsers users;

	private final Clock clock;

	PasskeyCeremony(RelyingParty relyingParty, PasskeyCeremonies ceremonies, PasskeyCredentials credentials,
			PasskeyUsers users, Clock clock) {
		this.relyingParty = relyingParty;
		this.ceremonies = ceremonies;
		this.credentials = credentials;
		this.users = users;
		this.clock = clock;
	}

	/** The options to create a key of the account (the JSON for {@code navigator.credentials.create}). */
	String creationOptions(long accountId, String email, HttpServletRequest request) {
		PublicKeyCredentialCreationOptions options = this.relyingParty.operations(request)
			.createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(
					UsernamePasswordAuthenticationToken.authenticated(email, null, List.of())));
		begin(request, Purpose.REGISTER, options.getChallenge(), accountId,
				options.getAuthenticatorSelection().getUserVerification());
		return BrowserJson.write(options);
	}

	/** Checks the browser's new key against this session's open registration; storing it is the caller's. */
	Registration register(long accountId, String email, String label, String answer, HttpServletRequest request) {
		Optional<Ceremony> ceremony = take(request, Purpose.REGISTER).filter(c -> c.accountId() == accountId);
		if (ceremony.isEmpty()) {
			return Registration.refused(Refusal.NO_CEREMONY);
		}
		Optional<PublicKeyCredential<AuthenticatorAttestationResponse>> credential = BrowserJson.credential(answer,
				AuthenticatorAttestationResponse.class);
		Optional<Bytes> handle = this.users.handleOf(accountId);
		if (credential.isEmpty() || handle.isEmpty()) {
			return Registration.refused(Refusal.MALFORMED);
		}
		if (this.credentials.accountOf(credential.get().getRawId()).isPresent()) {
			return Registration.refused(Refusal.ALREADY_ADDED);
		}
		PublicKeyCredentialCreationOptions options = CeremonyOptions.creation(this.relyingParty.entity(), handle.get(),
				email, ceremony.get());
		try {
			return new Registration(this.relyingParty.operations(request)
				.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
						new RelyingPartyPublicKey(credential.get(), label))), null);
		}
		catch (RuntimeException refused) {
			log.info("A new key was refused: {}", refused.getClass().getSimpleName());
			return Registration.refused(Refusal.REFUSED);
		}
	}

	/**
	 * The options to sign with a key ({@code navigator.credentials.get}): of the account's keys
	 * ({@code email}), or of any account's passkey when {@code email} is null.
	 */
	String requestOptions(Purpose purpose, Long accountId, String email, HttpServletRequest request) {
		PublicKeyCredentialRequestOptions made = this.relyingParty.operations(request)
			.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest((email != null)
					? UsernamePasswordAuthenticationToken.authenticated(email, null, List.of()) : null));
		// The whole sign-in, or the re-check before a sensitive action: the key must verify its user
		// (PIN, biometric). At the second step, after the password, possession is the factor.
		UserVerificationRequirement verification = (accountId == null || purpose == Purpose.STEP_UP)
				? UserVerificationRequirement.REQUIRED : UserVerificationRequirement.PREFERRED;
		PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
			.challenge(made.getChallenge())
			.rpId(made.getRpId())
			.timeout(TIMEOUT)
			.allowCredentials(made.getAllowCredentials())
			.userVerification(verification)
			.build();
		begin(request, purpose, options.getChallenge(), accountId, verification);
		return BrowserJson.write(options);
	}

	/** Checks a signature against this session's open ceremony for {@code purpose}. */
	Outcome verify(Purpose purpose, String answer, HttpServletRequest request) {
		Optional<Ceremony> ceremony = take(request, purpose);
		if (ceremony.isEmpty()) {
			return Outcome.refused(Refusal.NO_CEREMONY);
		}
		Optional<PublicKeyCredential<AuthenticatorAssertionResponse>> credential = BrowserJson.credential(answer,
				AuthenticatorAssertionResponse.class);
		if (credential.isEmpty()) {
			return Outcome.refused(Refusal.MALFORMED);
		}
		Bytes keyId = credential.get().getRawId();
		OptionalLong owner = this.credentials.accountOf(keyId);
		if (owner.isEmpty()) {
			return Outcome.refused(Refusal.UNKNOWN_KEY);
		}
		Long expected = ceremony.get().accountId();
		if (expected != null && expected != owner.getAsLong()) {
			return Outcome.refused(Refusal.OTHER_ACCOUNT);
		}
		long before = this.credentials.signatureCount(keyId);
		PublicKeyCredentialRequestOptions options = CeremonyOptions.request(this.relyingParty.id(), ceremony.get(),
				(expected != null) ? this.credentials.credentialIds(expected) : List.of());
		try {
			this.relyingParty.operations(request)
				.authenticate(new RelyingPartyAuthenticationRequest(options, credential.get()));
		}
		catch (MaliciousCounterValueException belowFirst) {
			return new Outcome(null, Refusal.COUNTER_WENT_BACK, owner.getAsLong());
		}
		catch (RuntimeException refused) {
			log.info("A key's signature was refused: {}", refused.getClass().getSimpleName());
			return new Outcome(null, Refusal.REFUSED, owner.getAsLong());
		}
		// Synced passkeys report 0 every time; a count that goes back otherwise may be a cloned key
		// (the store kept the count it had: see PasskeyCredentials#used).
		AuthenticatorData<?> data = COUNTS.convert(credential.get().getResponse().getAuthenticatorData().getBytes());
		long presented = data.getSignCount();
		if ((before > 0 || presented > 0) && presented <= before) {
			return new Outcome(null, Refusal.COUNTER_WENT_BACK, owner.getAsLong());
		}
		return new Outcome(new Outcome.Verified(owner.getAsLong(), keyId, data.isFlagUV()), null, null);
	}

	private void begin(HttpServletRequest request, Purpose purpose, Bytes challenge, Long accountId,
			UserVerificationRequirement verification) {
		this.ceremonies.begin(sessionHash(request), purpose, new Ceremony(challenge.toBase64UrlString(), accountId,
				verification.getValue(), this.clock.instant().plus(TIMEOUT)));
	}

	private Optional<Ceremony> take(HttpServletRequest request, Purpose purpose) {
		return (request.getSession(false) == null) ? Optional.empty()
				: this.ceremonies.take(sessionHash(request), purpose, this.clock.instant());
	}

	private static String sessionHash(HttpServletRequest request) {
		return Sha256.hex(request.getSession().getId());
	}

}
