package io.zdash.recovery;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.RandomText;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recovery codes of an account. New codes are returned in clear exactly once, to be shown to
 * their owner; only salted hashes are kept.
 */
@Service
public class RecoveryCodes {

	public static final int COUNT = 10;

	private static final int SALT_BYTES = 16;

	private final RecoveryCodeRepository repository;

	private final Clock clock;

	private final SecurityLog securityLog;

	private final TwoFactorLock twoFactor;

	RecoveryCodes(RecoveryCodeRepository repository, Clock clock, SecurityLog securityLog, TwoFactorLock twoFactor) {
		this.securityLog = securityLog;
		this.twoFactor = twoFactor;
		this.repository = repository;
		this.clock = clock;
	}

	/** Codes for an enrollment in progress: stored inactive until {@link #activatePending}. */
	@Transactional
	public List<RecoveryCode> createPending(long accountId) {
		this.repository.deletePending(accountId);
		return create(accountId, false);
	}

	/** Makes the pending codes the account's codes, replacing any earlier set. */
	@Transactional
	public void activatePending(long accountId) {
		this.repository.activatePending(accountId);
	}

	/** Replaces all codes of the account at once; none while 2FA is off (or being turned off). */
	@Transactional
	public Optional<List<RecoveryCode>> regenerate(long accountId, Origin origin) {
		if (!this.twoFactor.twoFactorOn(accountId)) {
			return Optional.empty();
		}
		this.repository.deleteAll(accountId);
		List<RecoveryCode> codes = create(accountId, true);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.RECOVERY_CODES_REGENERATED, origin));
		return Optional.of(codes);
	}

	@Transactional
	public void deleteAll(long accountId) {
		this.repository.deleteAll(accountId);
	}

	/** Whether the text has the shape of a recovery code at all (not whether it is one of ours). */
	public static boolean isWellFormed(String typed) {
		return RecoveryCode.parse(typed).isPresent();
	}

	public int remaining(long accountId) {
		return this.repository.countUnused(accountId);
	}

	/**
	 * Uses up a code if it is one of the account's unused codes. Every stored hash is compared, in
	 * constant time, so timing does not reveal how many codes are left or which one matched.
	 */
	@Transactional
	public boolean consume(long accountId, String typed) {
		Optional<RecoveryCode> code = RecoveryCode.parse(typed);
		if (code.isEmpty()) {
			return false;
		}
		Long matched = matchingId(code.get(), this.repository.findUnused(accountId));
		return matched != null && this.repository.markUsed(matched, this.clock.instant());
	}

	/** The id of the stored code the typed one matches, or null; every one compared, in constant time. */
	static Long matchingId(RecoveryCode code, List<RecoveryCodeRepository.StoredCode> unused) {
		Long matched = null;
		for (RecoveryCodeRepository.StoredCode stored : unused) {
			byte[] expected = stored.hash().getBytes(StandardCharsets.US_ASCII);
			byte[] actual = code.hash(stored.salt()).getBytes(StandardCharsets.US_ASCII);
			if (MessageDigest.isEqual(expected, actual)) {
				matched = stored.id();
			}
		}
		return matched;
	}

	private List<RecoveryCode> create(long accountId, boolean active) {
		List<RecoveryCode> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			RecoveryCode code = RecoveryCode.random();
			byte[] salt = RandomText.bytes(SALT_BYTES);
			this.repository.insert(accountId, salt, code.hash(salt), active, this.clock.instant());
			codes.add(code);
		}
		return codes;
	}

}
