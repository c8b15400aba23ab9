package io.zdash.trusteddevice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.DeviceTrust;
import io.zdash.signin.TwoFactorPolicy;
import io.zdash.support.Origin;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;
import io.zdash.support.UserAgents;
import io.zdash.trusteddevice.TrustedDeviceCookie.Presented;
import io.zdash.trusteddevice.TrustedDeviceRepository.Row;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusting a browser after a second step, and letting it stand in for the second factor at the
 * next sign-ins: only after the right password, only for the account that trusted it, while the
 * account's sign-in has not changed since (its session epoch), for at most the days the
 * administrator allows, and once per secret, which is replaced at each use.
 */
@Service
class TrustedDevices implements DeviceTrust {

	/** How many devices an account may trust at once; trusting one more forgets the oldest. */
	static final int MAX_PER_ACCOUNT = 20;

	/**
	 * The secret just replaced, presented again this soon after, is the same browser's lost answer
	 * (a double click, a dropped connection), not a copy: it is refused without raising the alarm.
	 */
	static final Duration LOST_ANSWER = Duration.ofMinutes(2);

	private final TrustedDeviceRepository devices;

	private final TwoFactorPolicy policy;

	private final SecurityLog securityLog;

	private final Clock clock;

	TrustedDevices(TrustedDeviceRepository devices, TwoFactorPolicy policy, SecurityLog securityLog, Clock clock) {
		this.devices = devices;
		this.policy = policy;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	/** The days a new trusted device lasts; 0 when the administrator has turned the feature off. */
	int days() {
		return Math.max(0, this.policy.trustedDeviceDays());
	}

	@Override
	@Transactional
	public boolean vouchesFor(Authentication passwordOnly, HttpServletRequest request, HttpServletResponse response) {
		Optional<Presented> presented = TrustedDeviceCookie.read(request);
		if (presented.isEmpty() || !(passwordOnly.getPrincipal() instanceof AccountUser user)) {
			return false;
		}
		Optional<Row> found = this.devices.find(presented.get().id());
		if (found.isEmpty()) {
			// Forgotten, expired and pruned, or never was: the browser may as well drop it.
			clear(request, response);
			return false;
		}
		if (found.get().accountId() != user.accountId()) {
			// Another account's device (a shared computer): not this account's business.
			return false;
		}
		Row device = found.get();
		Origin origin = Origin.of(request);
		String hash = Sha256.hex(presented.get().secret());
		if (!sameHash(hash, device.secretHash())) {
			refuse(device, hash, origin, request, response);
			return false;
		}
		int days = days();
		if (!live(device, user.sessionEpoch(), days)) {
			this.devices.delete(device.publicId());
			clear(request, response);
			return false;
		}
		String secret = newSecret();
		if (!this.devices.rotate(device.publicId(), device.secretHash(), Sha256.hex(secret), this.clock.instant())) {
			return false;
		}
		send(response, device.publicId(), secret, Duration.between(this.clock.instant(), expiry(device, days)), request);
		this.securityLog.record(SecurityEvent.of(user.accountId(), SecurityEvent.Type.TRUSTED_DEVICE_USED, origin));
		return true;
	}

	/**
	 * A secret that is not the device's: the one the last use replaced means a copy of the cookie was
	 * used after the browser's own (or the other way round) — unless it comes right after that use.
	 * Neither copy can be told from the other, so the device is forgotten and the owner told. Any
	 * other secret is a guess, and changes nothing.
	 */
	private void refuse(Row device, String hash, Origin origin, HttpServletRequest request,
			HttpServletResponse response) {
		boolean previous = device.previousHash() != null && sameHash(hash, device.previousHash());
		boolean lostAnswer = device.lastUsedAt() != null
				&& this.clock.instant().isBefore(device.lastUsedAt().plus(LOST_ANSWER));
		if (previous && !lostAnswer) {
			this.devices.delete(device.publicId());
			this.securityLog
				.record(SecurityEvent.of(device.accountId(), SecurityEvent.Type.TRUSTED_DEVICE_REFUSED, origin));
			clear(request, response);
		}
	}

	@Override
	@Transactional
	public void remember(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
		int days = days();
		if (days == 0 || !(signedIn.getPrincipal() instanceof AccountUser user)) {
			return;
		}
		// This browser's earlier device for the account, if any, is replaced; another account's stays.
		TrustedDeviceCookie.read(request).ifPresent(old -> this.devices.deleteOfAccount(user.accountId(), old.id()));
		this.devices.deleteBeforeEpoch(user.accountId(), user.sessionEpoch());
		Instant now = this.clock.instant();
		String id = RandomText.hex(16);
		String secret = newSecret();
		String agent = java.util.Objects.requireNonNullElse(UserAgents.forStorage(request.getHeader("User-Agent")), "");
		this.devices.insert(new Row(id, user.accountId(), Sha256.hex(secret), null, user.sessionEpoch(), agent, now, null,
				now.plus(Duration.ofDays(days))));
		this.devices.ofAccount(user.accountId())
			.stream()
			.filter(device -> !device.publicId().equals(id))
			.skip(MAX_PER_ACCOUNT - 1)
			.forEach(oldest -> this.devices.delete(oldest.publicId()));
		send(response, id, secret, Duration.ofDays(days), request);
		this.securityLog.record(new SecurityEvent(user.accountId(), SecurityEvent.Type.TRUSTED_DEVICE_ADDED,
				"days=" + days, Origin.of(request)));
	}

	/**
	 * When the device stops being trusted: its own expiry, or sooner under fewer {@code days} (the
	 * administrator's change also stores the shorter expiry; this covers a device saved meanwhile).
	 */
	static Instant expiry(Row device, int days) {
		Instant capped = device.createdAt().plus(Duration.ofDays(days));
		return capped.isBefore(device.expiresAt()) ? capped : device.expiresAt();
	}

	/** Trusted under the account's current epoch, and not expired. */
	boolean live(Row device, int epoch, int days) {
		return device.sessionEpoch() == epoch && this.clock.instant().isBefore(expiry(device, days));
	}

	void clear(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, TrustedDeviceCookie.clear(request.isSecure()).toString());
	}

	private static void send(HttpServletResponse response, String id, String secret, Duration lifetime,
			HttpServletRequest request) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				TrustedDeviceCookie.issue(id, secret, lifetime, request.isSecure()).toString());
	}

	private static String newSecret() {
		return RandomText.token();
	}

	/** Constant time: how much of a guessed secret's hash matches must not show in the answer's timing. */
	private static boolean sameHash(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

}
