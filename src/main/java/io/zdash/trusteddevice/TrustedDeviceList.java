package io.zdash.trusteddevice;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;
import io.zdash.support.UserAgents;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An account's trusted devices as the Security page lists them, and forgetting them. */
@Service
public class TrustedDeviceList {

	/**
	 * One trusted device. {@code handle} is its public id, which alone signs nobody in (the secret is
	 * only in the browser's cookie); {@code current} marks the browser looking at the list.
	 */
	public record View(String handle, String browser, String system, Instant addedAt, Instant lastUsedAt,
			Instant expiresAt, boolean current) {
	}

	private final TrustedDeviceRepository devices;

	private final TrustedDevices trust;

	private final SecurityLog securityLog;

	private final Clock clock;

	TrustedDeviceList(TrustedDeviceRepository devices, TrustedDevices trust, SecurityLog securityLog, Clock clock) {
		this.devices = devices;
		this.trust = trust;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	/** The account's live trusted devices, newest first; those a sign-in change has ended are deleted now. */
	@Transactional
	public List<View> list(AccountUser user, HttpServletRequest request) {
		this.devices.deleteBeforeEpoch(user.accountId(), user.sessionEpoch());
		String here = TrustedDeviceCookie.read(request).map(TrustedDeviceCookie.Presented::id).orElse("");
		int days = this.trust.days();
		return this.devices.ofAccount(user.accountId())
			.stream()
			.filter(device -> this.trust.live(device, user.sessionEpoch(), days))
			.map(device -> new View(device.publicId(), UserAgents.browser(device.userAgent()),
					UserAgents.system(device.userAgent()), device.createdAt(), device.lastUsedAt(),
					TrustedDevices.expiry(device, days), device.publicId().equals(here)))
			.toList();
	}

	/** "Forget this device": one of the account's own; any other handle does nothing. @return whether one was */
	@Transactional
	public boolean forget(AccountUser user, String handle, HttpServletRequest request, HttpServletResponse response) {
		if (handle == null || handle.length() > 64 || this.devices.deleteOfAccount(user.accountId(), handle) == 0) {
			return false;
		}
		if (TrustedDeviceCookie.read(request).map(TrustedDeviceCookie.Presented::id).filter(handle::equals).isPresent()) {
			this.trust.clear(request, response);
		}
		this.securityLog.record(SecurityEvent.of(user.accountId(), SecurityEvent.Type.TRUSTED_DEVICE_FORGOTTEN,
				Origin.of(request)));
		return true;
	}

	/** "Forget all": every device of the account, this browser's included. @return how many */
	@Transactional
	public int forgetAll(AccountUser user, HttpServletRequest request, HttpServletResponse response) {
		// This browser's cookie goes too, if it is this account's (another account's stays).
		boolean ours = TrustedDeviceCookie.read(request)
			.flatMap(presented -> this.devices.find(presented.id()))
			.filter(device -> device.accountId() == user.accountId())
			.isPresent();
		int forgotten = this.devices.deleteAllOfAccount(user.accountId());
		if (ours) {
			this.trust.clear(request, response);
		}
		this.securityLog.record(new SecurityEvent(user.accountId(), SecurityEvent.Type.TRUSTED_DEVICE_FORGOTTEN,
				"all=" + forgotten, Origin.of(request)));
		return forgotten;
	}

	/** The administrator turned the feature off: no device of anyone stays trusted. @return how many were */
	public int forgetEveryone() {
		return this.devices.deleteEveryone();
	}

	/**
	 * The administrator allowed fewer days: every device lasts at most that long from when it was
	 * trusted, for good (raising the days again later does not bring it back).
	 */
	public void shortenTo(int days) {
		Instant now = this.clock.instant();
		for (TrustedDeviceRepository.Row device : this.devices.unexpired(now)) {
			Instant shorter = TrustedDevices.expiry(device, days);
			if (!shorter.isAfter(now)) {
				this.devices.delete(device.publicId());
			}
			else if (shorter.isBefore(device.expiresAt())) {
				this.devices.setExpiry(device.publicId(), shorter);
			}
		}
	}

	/** Daily: rows of expired devices (their cookies have expired too). */
	@Scheduled(cron = "${zdash.throttle.prune-cron:0 27 3 * * *}")
	int prune() {
		return this.devices.deleteExpired(this.clock.instant());
	}

}
