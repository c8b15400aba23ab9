package io.zdash.passkey;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.stereotype.Repository;

/**
 * The registered keys of the accounts. Owns {@code passkey}; Spring Security's relying party reads
 * and writes them through {@link RelyingPartyStore}, which gives each key its user handle.
 */
@Repository
class PasskeyCredentials {

	/** A key as the Security page shows it: nothing of its public key. */
	record Listed(long id, String label, Instant createdAt, Instant lastUsedAt, boolean synced, boolean verifiesUser) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PasskeyCredentials(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new key of the account. */
	void insert(long accountId, CredentialRecord record) {
		this.jdbc.sql("""
				insert into passkey (account_id, credential_id, label, public_key, signature_count, uv_initialized,
				  backup_eligible, backup_state, transports, attestation_object, client_data_json, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(accountId, record.getCredentialId().toBase64UrlString(), record.getLabel(),
					new Bytes(record.getPublicKey().getBytes()).toBase64UrlString(), record.getSignatureCount(),
					record.isUvInitialized(), record.isBackupEligible(), record.isBackupState(),
					record.getTransports().stream().map(AuthenticatorTransport::getValue).collect(Collectors.joining(",")),
					base64(record.getAttestationObject()), base64(record.getAttestationClientDataJSON()),
					SqlTime.utc(this.clock.instant()))
			.update();
	}

	/**
	 * A key was just used: its signature count and backup state as the authenticator reported them —
	 * only if the count went up, or stays 0 (synced passkeys count nothing). A count that went back
	 * changes nothing here (see {@link Refusal#COUNTER_WENT_BACK}).
	 */
	void used(CredentialRecord record) {
		long count = record.getSignatureCount();
		this.jdbc.sql("""
				update passkey set signature_count = ?, backup_state = ?, last_used_at = ?
				where credential_id = ? and (signature_count < ? or (signature_count = 0 and ? = 0))""")
			.params(count, record.isBackupState(), SqlTime.utc(this.clock.instant()),
					record.getCredentialId().toBase64UrlString(), count, count)
			.update();
	}

	/** The key, with {@code userHandle} as its user (the handle is {@link PasskeyUsers}'s). */
	Optional<CredentialRecord> find(Bytes credentialId, java.util.function.LongFunction<Bytes> userHandle) {
		return this.jdbc.sql("select * from passkey where credential_id = ?")
			.param(credentialId.toBase64UrlString())
			.query((rs, n) -> ImmutableCredentialRecord.builder()
				.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
				.credentialId(Bytes.fromBase64(rs.getString("credential_id")))
				.userEntityUserId(userHandle.apply(rs.getLong("account_id")))
				.publicKey(new ImmutablePublicKeyCose(Bytes.fromBase64(rs.getString("public_key")).getBytes()))
				.signatureCount(rs.getLong("signature_count"))
				.uvInitialized(rs.getBoolean("uv_initialized"))
				.backupEligible(rs.getBoolean("backup_eligible"))
				.backupState(rs.getBoolean("backup_state"))
				.transports(transports(rs.getString("transports")))
				.attestationObject(Bytes.fromBase64(rs.getString("attestation_object")))
				.attestationClientDataJSON(bytes(rs.getString("client_data_json")))
				.created(SqlTime.instant(rs, "created_at"))
				.lastUsed(Optional.ofNullable(SqlTime.instant(rs, "last_used_at")).orElse(SqlTime.instant(rs, "created_at")))
				.label(rs.getString("label"))
				.build())
			.optional()
			.map(CredentialRecord.class::cast);
	}

	List<Bytes> credentialIds(long accountId) {
		return this.jdbc.sql("select credential_id from passkey where account_id = ? order by id")
			.param(accountId)
			.query(String.class)
			.list()
			.stream()
			.map(Bytes::fromBase64)
			.toList();
	}

	void delete(Bytes credentialId) {
		this.jdbc.sql("delete from passkey where credential_id = ?").param(credentialId.toBase64UrlString()).update();
	}

	/** The account a key belongs to, if the key is registered at all. */
	OptionalLong accountOf(Bytes credentialId) {
		return this.jdbc.sql("select account_id from passkey where credential_id = ?")
			.param(credentialId.toBase64UrlString())
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	long signatureCount(Bytes credentialId) {
		return this.jdbc.sql("select signature_count from passkey where credential_id = ?")
			.param(credentialId.toBase64UrlString())
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	List<Listed> list(long accountId) {
		return this.jdbc.sql("select * from passkey where account_id = ? order by id")
			.param(accountId)
			.query((rs, n) -> new Listed(rs.getLong("id"), rs.getString("label"), SqlTime.instant(rs, "created_at"),
					SqlTime.instant(rs, "last_used_at"), rs.getBoolean("backup_eligible"), rs.getBoolean("uv_initialized")))
			.list();
	}

	int count(long accountId) {
		return this.jdbc.sql("select count(*) from passkey where account_id = ?").param(accountId).query(Integer.class).single();
	}

	Optional<String> label(long accountId, long id) {
		return this.jdbc.sql("select label from passkey where account_id = ? and id = ?")
			.params(accountId, id)
			.query(String.class)
			.optional();
	}

	boolean rename(long accountId, long id, String label) {
		return this.jdbc.sql("update passkey set label = ? where account_id = ? and id = ?")
			.params(label, accountId, id)
			.update() == 1;
	}

	boolean remove(long accountId, long id) {
		return this.jdbc.sql("delete from passkey where account_id = ? and id = ?").params(accountId, id).update() == 1;
	}

	int removeAll(long accountId) {
		return this.jdbc.sql("delete from passkey where account_id = ?").param(accountId).update();
	}

	private static Set<AuthenticatorTransport> transports(String stored) {
		return (stored == null || stored.isEmpty()) ? Set.of()
				: Arrays.stream(stored.split(",")).map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
	}

	private static Bytes bytes(String base64) {
		return (base64 != null) ? Bytes.fromBase64(base64) : null;
	}

	private static String base64(Bytes bytes) {
		return (bytes != null) ? bytes.toBase64UrlString() : null;
	}

}
