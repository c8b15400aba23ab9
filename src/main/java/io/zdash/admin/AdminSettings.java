package io.zdash.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.zdash.signin.TwoFactorPolicy;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;
import io.zdash.trusteddevice.TrustedDeviceList;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Installation settings in the database, so every node reads the same value at once. */
@Component
class AdminSettings implements TwoFactorPolicy {

	static final String REQUIRE_TWO_FACTOR = "two-factor.required";

	/** From when the requirement is enforced (an ISO-8601 instant); none (an older installation): at once. */
	static final String TWO_FACTOR_DEADLINE = "two-factor.deadline";

	/** The time people get to set 2FA up when it becomes required, unless the administrator picks a date. */
	static final java.time.Duration DEFAULT_GRACE = java.time.Duration.ofDays(14);

	static final String TRUSTED_DEVICE_DAYS = "trusted-devices.days";

	/** The longest a trusted device may skip the code, and the default: the and GitHub's 30 days. */
	static final int MAX_TRUSTED_DEVICE_DAYS = 30;

	private final JdbcClient jdbc;

	private final SecurityLog securityLog;

	/** Lazily: trusted devices read these settings (through {@code TwoFactorPolicy}) too. */
	private final ObjectProvider<TrustedDeviceList> trustedDevices;

	private final Clock clock;

	AdminSettings(JdbcClient jdbc, SecurityLog securityLog, ObjectProvider<TrustedDeviceList> trustedDevices,
			Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.securityLog = securityLog;
		this.trustedDevices = trustedDevices;
	}

	@Override
	public boolean requiredForEveryone() {
		return requiredFrom().filter(deadline -> !this.clock.instant().isBefore(deadline)).isPresent();
	}

	@Override
	public Optional<Instant> requiredFrom() {
		if (!value(REQUIRE_TWO_FACTOR).map(Boolean::parseBoolean).orElse(false)) {
			return Optional.empty();
		}
		try {
			return Optional.of(value(TWO_FACTOR_DEADLINE).map(Instant::parse).orElse(Instant.EPOCH));
		}
		catch (java.time.format.DateTimeParseException unreadable) {
			// Never written by this code; if edited by hand into nonsense, the stricter reading.
			return Optional.of(Instant.EPOCH);
		}
	}

	@Override
	public int trustedDeviceDays() {
		return value(TRUSTED_DEVICE_DAYS).filter(days -> days.matches("\\d{1,2}"))
			.map(Integer::parseInt)
			.map(days -> Math.min(days, MAX_TRUSTED_DEVICE_DAYS))
			.orElse(MAX_TRUSTED_DEVICE_DAYS);
	}

	/**
	 * Saves the settings and records who changed what, in one transaction. Turning trusted devices
	 * off forgets every one of them (lowering the days shortens them, see {@code TrustedDevices}).
	 */
	@Transactional
	void save(Instant requiredFrom, int trustedDays, long adminId, Origin origin) {
		boolean required = requiredFrom != null;
		put(REQUIRE_TWO_FACTOR, Boolean.toString(required));
		this.securityLog.record(new SecurityEvent(adminId, SecurityEvent.Type.SETTING_CHANGED_BY_ADMIN,
				REQUIRE_TWO_FACTOR + "=" + required, origin));
		if (required && !requiredFrom.toString().equals(value(TWO_FACTOR_DEADLINE).orElse(""))) {
			put(TWO_FACTOR_DEADLINE, requiredFrom.toString());
			this.securityLog.record(new SecurityEvent(adminId, SecurityEvent.Type.SETTING_CHANGED_BY_ADMIN,
					TWO_FACTOR_DEADLINE + "=" + requiredFrom, origin));
		}
		int before = trustedDeviceDays();
		if (trustedDays != before) {
			put(TRUSTED_DEVICE_DAYS, Integer.toString(trustedDays));
			this.securityLog.record(new SecurityEvent(adminId, SecurityEvent.Type.SETTING_CHANGED_BY_ADMIN,
					TRUSTED_DEVICE_DAYS + "=" + trustedDays, origin));
		}
		if (trustedDays == 0) {
			this.trustedDevices.getObject().forgetEveryone();
		}
		else if (trustedDays < before) {
			this.trustedDevices.getObject().shortenTo(trustedDays);
		}
	}

	private Optional<String> value(String name) {
		return this.jdbc.sql("select setting_value from app_setting where setting_name = ?")
			.param(name)
			.query(String.class)
			.optional();
	}

	private void put(String name, String value) {
		this.jdbc.sql("delete from app_setting where setting_name = ?").param(name).update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values (?, ?)").params(name, value).update();
	}

}
