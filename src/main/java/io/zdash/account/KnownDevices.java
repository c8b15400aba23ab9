package io.zdash.account;

import java.time.Instant;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the browsers (by a hash of their user agent) each account signs in from, and publishes
 * {@code NEW_DEVICE_SIGN_IN} when the right password arrives from one it has not seen, so that the
 * owner hears of it. The very first sign-in of an account is no news.
 */
@Component
class KnownDevices {

	private final JdbcClient jdbc;

	private final SecurityLog securityLog;

	KnownDevices(JdbcClient jdbc, SecurityLog securityLog) {
		this.jdbc = jdbc;
		this.securityLog = securityLog;
	}

	void signedIn(long accountId, Instant now, Origin origin) {
		String key = Sha256.hex(String.valueOf(origin.userAgent()));
		int updated = this.jdbc.sql("update known_device set last_seen = ? where account_id = ? and device_key = ?")
			.params(SqlTime.utc(now), accountId, key)
			.update();
		if (updated > 0) {
			return;
		}
		boolean firstEver = this.jdbc.sql("select count(*) from known_device where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single() == 0;
		try {
			this.jdbc.sql("insert into known_device (account_id, device_key, first_seen, last_seen) values (?, ?, ?, ?)")
				.params(accountId, key, SqlTime.utc(now), SqlTime.utc(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException sameDeviceAtOnce) {
			return;
		}
		if (!firstEver) {
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.NEW_DEVICE_SIGN_IN, origin));
		}
	}

}
