package io.zdash.lostdevice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zdash.account.AccountService;
import io.zdash.account.CredentialRevocation;
import io.zdash.account.AccountSessions;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.audit.SecurityLog;
import io.zdash.lostdevice.LostDeviceRepository.Recovery;
import io.zdash.support.Origin;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;
import io.zdash.twofactor.TwoFactorAdmin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lost the authenticator and the recovery codes: after the right password, a link to the confirmed
 * address starts a waiting period (72 hours unless configured), during which every signed-in
 * session of the account can cancel it and the owner is emailed at the start and a day before the
 * end ({@link LostDeviceWatch}). After it, the same link and the password again remove every second
 * factor. One at a time per account.
 */
@Service
public class LostDeviceRecoveries {

	/** How long after the wait the link still completes it. */
	static final Duration COMPLETE_WITHIN = Duration.ofDays(7);

	/** Where a link stands: to confirm, waiting (until), ready to complete, or unusable. */
	enum LinkState {

		CONFIRM, WAITING, COMPLETE, INVALID

	}

	/** A running recovery, as pages show it. */
	public record Running(boolean confirmed, Instant endsAt) {
	}

	record Link(LinkState state, Instant endsAt) {
	}

	private final LostDeviceRepository recoveries;

	private final AccountService accounts;

	private final AccountSessions sessions;

	private final TwoFactorAdmin twoFactor;

	private final SecurityLog securityLog;

	private final Clock clock;

	private final Duration waitingPeriod;

	private final TransactionTemplate transactions;

	private final SecurityEvents events;

	/** The events that prove the account's second factor was in the owner's hands. */
	private static final java.util.List<SecurityEvent.Type> SECOND_FACTOR_PROOFS = java.util.List.of(
			SecurityEvent.Type.SIGN_IN_CODE_SUCCEEDED, SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED,
			SecurityEvent.Type.TWO_FACTOR_ENABLED, SecurityEvent.Type.SIGN_IN_KEY_SUCCEEDED,
			SecurityEvent.Type.SIGN_IN_PASSKEY_SUCCEEDED);

	private final CredentialRevocation tokens;

	LostDeviceRecoveries(LostDeviceRepository recoveries, AccountService accounts, AccountSessions sessions,
			TwoFactorAdmin twoFactor, SecurityLog securityLog, Clock clock, TransactionTemplate transactions,
			SecurityEvents events, @Value("${zdash.recovery.waiting-period:72h}") Duration waitingPeriod,
			CredentialRevocation tokens) {
		this.tokens = tokens;
		this.events = events;
		this.transactions = transactions;
		this.recoveries = recoveries;
		this.accounts = accounts;
		this.sessions = sessions;
		this.twoFactor = twoFactor;
		this.securityLog = securityLog;
		this.clock = clock;
		this.waitingPeriod = waitingPeriod;
	}

	Duration waitingPeriod() {
		return this.waitingPeriod;
	}

	/** The account's recovery, if one runs (asked for and not expired, or waiting). */
	public Optional<Running> running(long accountId) {
		Instant now = this.clock.instant();
		return this.recoveries.ofAccount(accountId)
			.filter(r -> r.confirmed() ? now.isBefore(r.endsAt().plus(COMPLETE_WITHIN)) : now.isBefore(r.confirmBy()))
			.map(r -> new Running(r.confirmed(), r.endsAt()));
	}

	/**
	 * Whether the account's password was last set from an emailed link (forgot password) and no
	 * second factor has been proven since: then the password proves no more than the mailbox.
	 */
	boolean passwordOnlyFromEmail(long accountId) {
		return this.events.latest(accountId, SecurityEvent.Type.PASSWORD_RESET, Instant.EPOCH)
			.filter(reset -> SECOND_FACTOR_PROOFS.stream()
				.noneMatch(proof -> this.events.latest(accountId, proof, reset.occurredAt()).isPresent()))
			.isPresent();
	}

	/** Where the link stands, and when its wait ends (null before it starts). */
	Link look(String token) {
		return recoveryOf(token).map(r -> new Link(stateOf(r), r.endsAt())).orElse(new Link(LinkState.INVALID, null));
	}

	/** Opens the link the first time: the wait starts. @return whether it did */
	@Transactional
	boolean confirm(String token, Origin origin) {
		Optional<Recovery> recovery = recoveryOf(token).filter(r -> stateOf(r) == LinkState.CONFIRM);
		Instant now = this.clock.instant();
		if (recovery.isEmpty() || !this.recoveries.confirm(recovery.get().tokenHash(), now, now.plus(this.waitingPeriod))) {
			return false;
		}
		this.securityLog.record(new SecurityEvent(recovery.get().accountId(), SecurityEvent.Type.LOST_DEVICE_RECOVERY_STARTED,
				"ends=" + now.plus(this.waitingPeriod), origin));
		return true;
	}

	/**
	 * After the wait, with the password again: every second factor of the account is removed, every
	 * session ends. @return whether it was done (a wrong password, a cancelled recovery: not)
	 */
	boolean complete(String token, String password, Origin origin) {
		// The password first, outside the transaction: its attempt gate counts on its own.
		Optional<Recovery> recovery = recoveryOf(token).filter(r -> stateOf(r) == LinkState.COMPLETE);
		if (recovery.isEmpty() || !this.accounts.passwordMatches(recovery.get().accountId(), password)) {
			return false;
		}
		long accountId = recovery.get().accountId();
		if (this.events.latest(accountId, SecurityEvent.Type.PASSWORD_RESET, recovery.get().requestedAt()).isPresent()) {
			// The password was reset from the mailbox since the request: the pair proves only the mailbox.
			return false;
		}
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			if (!this.recoveries.delete(accountId, recovery.get().tokenHash())) {
				return false; // cancelled meanwhile
			}
			this.twoFactor.removeAfterRecovery(accountId, origin);
			this.sessions.signOutEverywhere(accountId);
			// Whoever has the lost device may have the account's scripts' tokens too.
			this.tokens.revokeAll(accountId, "two-factor-removed", origin);
			return true;
		}));
	}

	private LinkState stateOf(Recovery recovery) {
		Instant now = this.clock.instant();
		if (!recovery.confirmed()) {
			return now.isBefore(recovery.confirmBy()) ? LinkState.CONFIRM : LinkState.INVALID;
		}
		if (now.isBefore(recovery.endsAt())) {
			return LinkState.WAITING;
		}
		return now.isBefore(recovery.endsAt().plus(COMPLETE_WITHIN)) ? LinkState.COMPLETE : LinkState.INVALID;
	}

	/** The link's recovery, while the account still has the address the link was sent to. */
	private Optional<Recovery> recoveryOf(String token) {
		return (RandomText.isToken(token) ? this.recoveries.byToken(Sha256.hex(token))
				: Optional.<Recovery>empty())
			.filter(r -> this.accounts.emailOf(r.accountId()).filter(r.email()::equals).isPresent());
	}

}
