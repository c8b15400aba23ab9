package io.zdash.passkey;

import java.util.List;
import java.util.Objects;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

/**
 * Spring Security's relying party's credential records: the rows of {@link PasskeyCredentials},
 * each with its account's user handle ({@link PasskeyUsers}).
 */
@Component
class RelyingPartyKeys implements UserCredentialRepository {

	private final PasskeyUsers users;

	private final PasskeyCredentials credentials;

	RelyingPartyKeys(PasskeyUsers users, PasskeyCredentials credentials) {
		this.users = users;
		this.credentials = credentials;
	}

	/**
	 * A key just used: its new signature count. Only ever an update: a key removed while its
	 * signature was checked stays removed, and a new key is stored by {@link Passkeys#add}, with the
	 * account's other checks, not here.
	 */
	@Override
	public void save(CredentialRecord record) {
		this.credentials.used(record);
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.credentials.find(credentialId, this::handle).orElse(null);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.users.accountOf(userId)
			.map(account -> this.credentials.credentialIds(account)
				.stream()
				.map(this::findByCredentialId)
				.filter(Objects::nonNull)
				.toList())
			.orElse(List.of());
	}

	@Override
	public void delete(Bytes credentialId) {
		this.credentials.delete(credentialId);
	}

	private Bytes handle(long accountId) {
		return this.users.handleOf(accountId).orElseThrow();
	}

}
