package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;

import org.springframework.stereotype.Component;

/**
 * After a refused app code: is it the code of an earlier time step, up to 10 minutes back, as when
 * the phone's clock is behind? Then the page says so and the owner's log records it
 * ({@code CLOCK_DRIFT_SUSPECTED}). Only the past is diagnosed: a code of a <em>future</em> step
 * would be accepted when its time comes, so naming one would tell a guesser which of their wrong
 * codes to send again later. The failure is already counted; nothing here accepts the code.
 */
@Component
class ClockDrift {

	private final TotpApps apps;

	private final TotpSecrets secrets;

	private final TotpVerifier verifier;

	private final SecurityLog securityLog;

	ClockDrift(TotpApps apps, TotpSecrets secrets, SecurityLog securityLog, Clock clock) {
		this.apps = apps;
		this.secrets = secrets;
		this.verifier = new TotpVerifier(TotpGenerator.AUTHENTICATOR_APPS, clock);
		this.securityLog = securityLog;
	}

	/** @return how far behind the phone's clock seems (a negative duration), or empty */
	Optional<Duration> suspected(long accountId, OneTimeCode code, Origin origin) {
		// Of any of the account's apps: the phone whose clock is behind is the one the code came from.
		OptionalLong steps = this.apps.of(accountId)
			.stream()
			.map(app -> this.verifier.driftOf(this.secrets.open(accountId, app.secret()), code))
			.filter(OptionalLong::isPresent)
			.findFirst()
			.orElse(OptionalLong.empty());
		if (steps.isEmpty()) {
			return Optional.empty();
		}
		Duration offset = TotpGenerator.AUTHENTICATOR_APPS.stepLength().multipliedBy(steps.getAsLong());
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.CLOCK_DRIFT_SUSPECTED,
				"offsetSeconds=" + offset.toSeconds(), origin));
		return Optional.of(offset);
	}

}
