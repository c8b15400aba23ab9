package io.zdash.admin;

import io.zdash.signin.TwoFactorPolicy;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.trusteddevice.TrustedDeviceList;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Installation settings in the database, so every node reads the same value at once. */
@Component
class AdminSettings implements TwoFactorPolicy {

	static final String REQUIRE_TWO_FACTOR = "two-factor.required";

	static final String TRUSTED_DEVICE_DAYS = "trusted-devices.days";

	/** The longest a trusted device may skip the code, and the default: the and GitHub's 30 days. */
	static final int MAX_TRUSTED_DEVICE_DAYS = 30;

	private final JdbcClient jdbc;

	private final SecurityLog securityLog;

	/** Lazily: trusted devices read these settings (through {@code TwoFactorPolicy}) too. */
	private final org.springframework.beans.factory.ObjectProvider<TrustedDeviceList> trustedDevices;

	AdminSettings(JdbcClient jdbc, SecurityLog securityLog,
			org.springframework.beans.factory.ObjectProvider<TrustedDeviceList> trustedDevices) {
		this.jdbc = jdbc;
		this.securityLog = securityLog;
		this.trustedDevices = trustedDevices;
	}

	@Override
	public boolean requiredForEveryone() {
		return value(REQUIRE_TWO_FACTOR).map(Boolean::parseBoolean).orElse(false);
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
	void save(boolean required, int trustedDays, long adminId, io.zdash.support.Origin origin) {
		put(REQUIRE_TWO_FACTOR, Boolean.toString(required));
		this.securityLog.record(new SecurityEvent(adminId, SecurityEvent.Type.SETTING_CHANGED_BY_ADMIN,
				REQUIRE_TWO_FACTOR + "=" + required, origin));
		if (trustedDays != trustedDeviceDays()) {
			put(TRUSTED_DEVICE_DAYS, Integer.toString(trustedDays));
			this.securityLog.record(new SecurityEvent(adminId, SecurityEvent.Type.SETTING_CHANGED_BY_ADMIN,
					TRUSTED_DEVICE_DAYS + "=" + trustedDays, origin));
		}
		if (trustedDays == 0) {
			this.trustedDevices.getObject().forgetEveryone();
		}
	}

	private java.util.Optional<String> value(String name) {
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
