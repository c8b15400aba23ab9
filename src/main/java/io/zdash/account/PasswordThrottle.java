package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.zdash.support.Backoff;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
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

	/**
	 * Lets one password check through, or not. The attempt is counted as a failure before the
	 * password is checked, by one conditional UPDATE that also closes the gate from the fifth on: so
	 * when a wait ends, parallel requests cannot all slip through before any failure is written.
	 * @return zero when the password may be checked now, else how long to wait
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	Duration beginAttempt(String typedEmail) {
		String key = key(typedEmail);
		Instant now = this.clock.instant();
		if (gate(key, now) == 1) {
			return Duration.ZERO;
		}
		Duration wait = waitFor(typedEmail);
		if (!wait.isZero()) {
			return wait;
		}
		try {
			// No row yet: the first failure-to-be of this email.
			this.jdbc.sql("insert into password_throttle (email_key, failures, last_failure_at) values (?, 1, ?)")
				.params(key, SqlTime.utc(now))
				.update();
			return Duration.ZERO;
		}
		catch (org.springframework.dao.DuplicateKeyException raceWithAnotherAttempt) {
			// Another attempt at this email created the row a moment ago; PostgreSQL has aborted this
			// transaction, so refuse this one briefly rather than check it uncounted.
			return Duration.ofSeconds(1);
		}
	}

	private int gate(String key, Instant now) {
		return this.jdbc.sql("""
				update password_throttle
				set failures = failures + 1, last_failure_at = ?,
				    locked_until = case when failures + 1 > ? then ? else locked_until end
				where email_key = ? and (locked_until is null or locked_until <= ?)""")
			.params(SqlTime.utc(now), Backoff.FREE_FAILURES, SqlTime.utc(now.plus(Backoff.after(Backoff.FREE_FAILURES + 1))),
					key, SqlTime.utc(now))
			.update();
	}

	/** The password was wrong: the attempt already counted; set the wait its count calls for. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	Duration recordFailure(String typedEmail) {
		String key = key(typedEmail);
		Instant now = this.clock.instant();
		int failures = this.jdbc.sql("select failures from password_throttle where email_key = ?")
			.param(key)
			.query(Integer.class)
			.optional()
			.orElse(0);
		Duration wait = Backoff.after(failures);
		if (!wait.isZero()) {
			this.jdbc.sql("update password_throttle set locked_until = ? where email_key = ?")
				.params(SqlTime.utc(now.plus(wait)), key)
				.update();
		}
		return wait;
	}

	/** Daily: forget counters of emails that stopped failing a day ago (most are unknown emails). */
	@Scheduled(cron = "${zdash.throttle.prune-cron:0 27 3 * * *}")
	int prune() {
		Instant dayAgo = this.clock.instant().minus(Duration.ofDays(1));
		return this.jdbc.sql("""
				delete from password_throttle
				where last_failure_at < ? and (locked_until is null or locked_until < ?)""")
			.params(SqlTime.utc(dayAgo), SqlTime.utc(this.clock.instant()))
			.update();
	}

	void reset(String typedEmail) {
		this.jdbc.sql("delete from password_throttle where email_key = ?").param(key(typedEmail)).update();
	}

	static String key(String typedEmail) {
		return Sha256.hex(EmailAddress.normalise(typedEmail)
			.orElse(String.valueOf(typedEmail).strip().toLowerCase(Locale.ROOT)));
	}

}
