package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zdash.account.AccountUser;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.AfterSecondStep;
import io.zdash.support.Origin;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The two-factor check-up: 28 days after 2FA was turned on, then yearly, the next complete sign-in
 * first shows one page asking whether the recovery codes are still at hand. Answering it is
 * remembered and in the security log. A failure to tell (the database, say) shows no page rather
 * than an error after a sign-in that succeeded.
 */
@Component
class CheckUp implements AfterSecondStep {

	static final String PAGE = "/security/check-up";

	static final Duration FIRST = Duration.ofDays(28);

	static final Duration THEN_EVERY = Duration.ofDays(365);

	private final TotpCredentials credentials;

	private final SecurityLog securityLog;

	private final Clock clock;

	CheckUp(TotpCredentials credentials, SecurityLog securityLog, Clock clock) {
		this.credentials = credentials;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	boolean due(long accountId) {
		return this.credentials.findCredential(accountId).map(credential -> {
			Instant next = (credential.checkedUpAt() != null) ? credential.checkedUpAt().plus(THEN_EVERY)
					: credential.enabledAt().plus(FIRST);
			return !this.clock.instant().isBefore(next);
		}).orElse(false);
	}

	void done(long accountId, Origin origin) {
		this.credentials.checkedUp(accountId, this.clock.instant());
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.CHECK_UP_DONE, origin));
	}

	@Override
	public Optional<String> pageAfter(Authentication signedIn) {
		try {
			return (signedIn.getPrincipal() instanceof AccountUser user && due(user.accountId())) ? Optional.of(PAGE)
					: Optional.empty();
		}
		catch (org.springframework.dao.DataAccessException unavailable) {
			return Optional.empty();
		}
	}

}
