package io.zdash.passkey;

import java.util.Optional;

import io.zdash.account.AccountDirectory;
import io.zdash.account.AccountService;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Component;

/**
 * Spring Security's relying party's "user entities": an account, named by its email (which the
 * authenticator shows in its list of passkeys) and identified by the random handle of
 * {@link PasskeyUsers}.
 */
@Component
class RelyingPartyUsers implements PublicKeyCredentialUserEntityRepository {

	private final PasskeyUsers users;

	private final AccountDirectory directory;

	private final AccountService accounts;

	RelyingPartyUsers(PasskeyUsers users, AccountDirectory directory, AccountService accounts) {
		this.users = users;
		this.directory = directory;
		this.accounts = accounts;
	}

	@Override
	public PublicKeyCredentialUserEntity findById(Bytes id) {
		return this.users.accountOf(id).flatMap(account -> entity(account, id)).orElse(null);
	}

	@Override
	public PublicKeyCredentialUserEntity findByUsername(String email) {
		Optional<Long> account = this.directory.idOf(email);
		return account.flatMap(id -> this.users.handleOf(id).flatMap(handle -> entity(id, handle))).orElse(null);
	}

	@Override
	public void save(PublicKeyCredentialUserEntity entity) {
		this.directory.idOf(entity.getName()).ifPresent(id -> this.users.save(id, entity.getId()));
	}

	@Override
	public void delete(Bytes id) {
		// An account keeps its handle for as long as it lives (the row goes with the account).
	}

	private Optional<PublicKeyCredentialUserEntity> entity(long accountId, Bytes handle) {
		return this.accounts.emailOf(accountId)
			.map(email -> ImmutablePublicKeyCredentialUserEntity.builder().id(handle).name(email).displayName(email).build());
	}

}
