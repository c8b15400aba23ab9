package io.zdash.admin;

import io.zdash.signin.TwoFactorPolicy;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Installation settings in the database, so every node reads the same value at once. */
@Component
class AdminSettings implements TwoFactorPolicy {

	static final String REQUIRE_TWO_FACTOR = "two-factor.required";

	private final JdbcClient jdbc;

	private final SecurityLog securityLog;

	AdminSettings(JdbcClient jdbc, SecurityLog securityLog) {
		this.jdbc = jdbc;
		this.securityLog = securityLog;
	}

	@Override
	public boolean requiredForEveryone() {
		return this.jdbc.sql("select setting_value from app_setting where setting_name = ?")
			.param(REQUIRE_TWO_FACTOR)
			.query(String.class)
			.optional()
			.map(Boolean::parseBoolean)
			.orElse(false);
	}

	/** Saves the setting and records who changed it, in one transaction. */
	@Transactional
	void requireTwoFactor(boolean required, SecurityEvent changed) {
		this.jdbc.sql("delete from app_setting where setting_name = ?").param(REQUIRE_TWO_FACTOR).update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values (?, ?)")
			.params(REQUIRE_TWO_FACTOR, Boolean.toString(required))
			.update();
		this.securityLog.record(changed);
	}

}
