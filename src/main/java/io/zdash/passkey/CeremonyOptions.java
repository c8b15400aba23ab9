package io.zdash.passkey;

import java.util.List;

import io.zdash.passkey.PasskeyCeremonies.Ceremony;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;

/**
 * The options a ceremony was begun with, made again from what {@link PasskeyCeremonies} kept: the
 * relying party checks an answer against the options, and Spring Security 7.0's options cannot be
 * stored in a JDBC session themselves. What is not kept is the same for every ceremony.
 */
final class CeremonyOptions {

	private CeremonyOptions() {
	}

	static PublicKeyCredentialCreationOptions creation(PublicKeyCredentialRpEntity rp, Bytes userHandle, String email,
			Ceremony ceremony) {
		return PublicKeyCredentialCreationOptions.builder()
			.rp(rp)
			.user(ImmutablePublicKeyCredentialUserEntity.builder().id(userHandle).name(email).displayName(email).build())
			.challenge(Bytes.fromBase64(ceremony.challenge()))
			.pubKeyCredParams(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
					PublicKeyCredentialParameters.RS256)
			.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
				.residentKey(ResidentKeyRequirement.PREFERRED)
				.userVerification(verification(ceremony))
				.build())
			.attestation(AttestationConveyancePreference.NONE)
			.timeout(PasskeyCeremony.TIMEOUT)
			.build();
	}

	static PublicKeyCredentialRequestOptions request(String rpId, Ceremony ceremony, List<Bytes> allowed) {
		return PublicKeyCredentialRequestOptions.builder()
			.challenge(Bytes.fromBase64(ceremony.challenge()))
			.rpId(rpId)
			.timeout(PasskeyCeremony.TIMEOUT)
			.allowCredentials(allowed.stream().map(id -> PublicKeyCredentialDescriptor.builder().id(id).build()).toList())
			.userVerification(verification(ceremony))
			.build();
	}

	private static UserVerificationRequirement verification(Ceremony ceremony) {
		return switch (ceremony.userVerification()) {
			case "required" -> UserVerificationRequirement.REQUIRED;
			case "discouraged" -> UserVerificationRequirement.DISCOURAGED;
			default -> UserVerificationRequirement.PREFERRED;
		};
	}

}
