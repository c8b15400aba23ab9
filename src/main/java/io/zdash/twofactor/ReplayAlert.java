package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;

import org.springframework.stereotype.Component;

/**
 * A right code sent again from another session than the one that used it means someone else saw
 * it (over a shoulder, on a shared screen, through a phishing page): the owner hears of it, by email
 * and a banner ({@code USED_CODE_TRIED_AGAIN}, ASVS 2.8.5), at most once an hour. The same session
 * sending it twice (a double click) is not news.
 */
@Component
class ReplayAlert {

	static final Duration AT_MOST_EVERY = Duration.ofHours(1);

	private final TotpApps apps;

	private final SecurityEvents events;

	private final SecurityLog securityLog;

	private final Clock clock;

	ReplayAlert(TotpApps apps, SecurityEvents events, SecurityLog securityLog, Clock clock) {
		this.apps = apps;
		this.events = events;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	/** A code of app {@code appId} already used was refused; {@code sessionKey} is the hash of the sender's sign-in key. */
	void usedCodeSentAgain(long accountId, long appId, String sessionKey, Origin origin) {
		// Read again, not the row the check began with: in a double click the other request may have
		// claimed the step (and written its key) in between, and a stale row would raise a false alarm.
		boolean otherSession = sessionKey != null && this.apps.find(accountId, appId)
			.map(TotpApps.App::lastUsedBy)
			.filter(usedBy -> !usedBy.equals(sessionKey))
			.isPresent();
		if (otherSession && this.events
			.latest(accountId, SecurityEvent.Type.USED_CODE_TRIED_AGAIN, this.clock.instant().minus(AT_MOST_EVERY))
			.isEmpty()) {
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.USED_CODE_TRIED_AGAIN, origin));
		}
	}

}
