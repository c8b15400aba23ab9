package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.zdash.support.Backoff;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consecutive password failures per typed email, in the database so that every node sees the same
 * count. Keyed by a hash of the email whether or not an account exists, so a throttled answer tells
 * nothing about existence, and typed emails (sometimes a password typed in the wrong field) are not
 * stored in clear.
 */
@Component
class PasswordThrottle {

	private final JdbcClient jdbc;

	private final Clock clock;

	PasswordThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @return how long this email must still wait, or zero */
	Duration waitFor(String typedEmail) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select locked_until from password_throttle where email_key = ?")
			.param(key(typedEmail))
			.query((rs, n) -> SqlTime.instant(rs, "locked_until"))
			.optional()
			.filter(until -> until != null && until.isAfter(now))
			.map(until -> Duration.between(now, until))
			.orElse(Duration.ZERO);
	}

	/** Counts a failure; returns the wait it now imposes. Its own transaction: it must survive the failure. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	Duration recordFailure(String typedEmail) {
		String key = key(typedEmail);
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql("""
				update password_throttle set failures = failures + 1, last_failure_at = ? where email_key = ?""")
			.params(SqlTime.utc(now), key)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("insert into password_throttle (email_key, failures, last_failure_at) values (?, 1, ?)")
					.params(key, SqlTime.utc(now))
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException raceWithAnotherNode) {
				this.jdbc.sql("update password_throttle set failures = failures + 1 where email_key = ?").param(key).update();
			}
		}
		int failures = this.jdbc.sql("select failures from password_throttle where email_key = ?")
			.param(key)
			.query(Integer.class)
			.single();
		Duration wait = Backoff.after(failures);
		if (!wait.isZero()) {
			this.jdbc.sql("update password_throttle set locked_until = ? where email_key = ?")
				.params(SqlTime.utc(now.plus(wait)), key)
				.update();
		}
		return wait;
	}

	void reset(String typedEmail) {
		this.jdbc.sql("delete from password_throttle where email_key = ?").param(key(typedEmail)).update();
	}

	static String key(String typedEmail) {
		return Sha256.hex(EmailAddress.normalise(typedEmail)
			.orElse(String.valueOf(typedEmail).strip().toLowerCase(Locale.ROOT)));
	}

}
