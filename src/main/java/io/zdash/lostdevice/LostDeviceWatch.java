package io.zdash.lostdevice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watching over running recoveries: cancelling one (any signed-in session of the account, or an
 * administrator), an administrator's early approval, the reminder a day before the wait ends, and
 * clearing recoveries nobody finished.
 */
@Service
public class LostDeviceWatch {

	static final Duration REMIND_BEFORE = Duration.ofHours(24);

	private final LostDeviceRepository recoveries;

	private final LostDeviceRecoveries running;

	private final SecurityLog securityLog;

	private final Clock clock;

	LostDeviceWatch(LostDeviceRepository recoveries, LostDeviceRecoveries running, SecurityLog securityLog, Clock clock) {
		this.recoveries = recoveries;
		this.running = running;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	/** "Cancel it". {@code by}: who, for the log ("owner", "admin=ID"). @return whether one was running */
	@Transactional
	public boolean cancel(long accountId, String by, Origin origin) {
		if (!this.recoveries.delete(accountId)) {
			return false;
		}
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.LOST_DEVICE_RECOVERY_CANCELLED, by, origin));
		return true;
	}

	/** An administrator checked who asked, out of band: the wait ends now. */
	@Transactional
	public boolean approveNow(long accountId, long adminId, Origin origin) {
		// A second back: the database keeps microseconds, and "now" must already be past the end.
		if (this.running.running(accountId).isEmpty()
				|| !this.recoveries.endWaitNow(accountId, this.clock.instant().minusSeconds(1))) {
			return false;
		}
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.LOST_DEVICE_RECOVERY_APPROVED,
				"admin=" + adminId, origin));
		return true;
	}

	/** Every quarter of an hour, on any node: a reminder is sent once (a conditional update claims it). */
	@Scheduled(fixedDelayString = "${zdash.recovery.check-every:15m}", initialDelayString = "1m")
	@Transactional
	public int remind() {
		Instant now = this.clock.instant();
		int sent = 0;
		for (LostDeviceRepository.Recovery recovery : this.recoveries.dueForReminder(now, now.plus(REMIND_BEFORE))) {
			if (this.recoveries.markReminded(recovery.accountId(), now)) {
				this.securityLog.record(new SecurityEvent(recovery.accountId(),
						SecurityEvent.Type.LOST_DEVICE_RECOVERY_REMINDER, "ends=" + recovery.endsAt()));
				sent++;
			}
		}
		this.recoveries.deleteStale(now, now.minus(LostDeviceRecoveries.COMPLETE_WITHIN));
		return sent;
	}

}
