package io.zdash.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.zdash.support.Backoff;
import io.zdash.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one throttle of every factor: consecutive failures per kind of check and key, in the database
 * so that every node sees the same count, with the growing wait of {@link Backoff}. An attempt is
 * counted before it is checked, by one conditional UPDATE that also closes the gate from the fifth
 * failure on: when a wait ends, parallel attempts cannot all slip through before a failure is written.
 * Owns the {@code attempt_gate} table.
 */
@Component
public class AttemptGate {

	/** What is being guessed; the key says whose. */
	public enum Kind {

		/** Keyed by a hash of the typed email, whether or not an account has it: browsers the account does not know. */
		PASSWORD,
		/** Keyed by the hash of a device cookie: a browser that signed in to the account before. */
		PASSWORD_DEVICE,
		/** Keyed by the account id: the password typed again in a signed-in session (step-up). */
		PASSWORD_RECHECK,
		/** Keyed by the account id: app codes and recovery codes share one count. */
		SECOND_FACTOR,
		/** Keyed by a hash of the typed email: "forgot password" links asked for it, whether or not it has an account. */
		PASSWORD_RESET,
		/** Keyed by the account id: recoveries of a lost authenticator asked for. */
		LOST_DEVICE

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AttemptGate(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Lets one check through, or not, counting it as a failure until {@link #reset}. Never inside
	 * another transaction: the count must stand even if the caller's work is rolled back, and on
	 * PostgreSQL the first attempt's insert, racing another, would abort the caller's transaction.
	 * Each statement commits on its own.
	 * @return zero when the check may go ahead now, else how long to wait
	 */
	@Transactional(propagation = Propagation.NEVER)
	public Duration begin(Kind kind, String key) {
		Instant now = this.clock.instant();
		if (open(kind, key, now)) {
			return Duration.ZERO;
		}
		Duration wait = waitFor(kind, key);
		if (!wait.isZero()) {
			return wait;
		}
		try {
			// No row yet: the first failure-to-be of this key.
			this.jdbc.sql("insert into attempt_gate (kind, gate_key, failures, last_failure_at) values (?, ?, 1, ?)")
				.params(kind.name(), key, SqlTime.utc(now))
				.update();
			return Duration.ZERO;
		}
		catch (DuplicateKeyException raceWithAnotherAttempt) {
			// Another attempt created the row a moment ago (a double click): count this one through it.
			return open(kind, key, now) ? Duration.ZERO : waitFor(kind, key);
		}
	}

	/**
	 * Counts an attempt that is checked although the gate is closed (a recovery code during a pause):
	 * it still adds to the consecutive failures until a right answer resets them.
	 */
	@Transactional(propagation = Propagation.NEVER)
	public void countDuringPause(Kind kind, String key) {
		this.jdbc.sql("update attempt_gate set failures = failures + 1, last_failure_at = ? where kind = ? and gate_key = ?")
			.params(SqlTime.utc(this.clock.instant()), kind.name(), key)
			.update();
	}

	/** The conditional UPDATE: counts the attempt, and closes the gate from the fifth failure on. */
	private boolean open(Kind kind, String key, Instant now) {
		return this.jdbc.sql("""
				update attempt_gate
				set failures = failures + 1, last_failure_at = ?,
				    locked_until = case when failures + 1 > ? then ? else locked_until end
				where kind = ? and gate_key = ? and (locked_until is null or locked_until <= ?)""")
			.params(SqlTime.utc(now), Backoff.FREE_FAILURES, SqlTime.utc(now.plus(Backoff.after(Backoff.FREE_FAILURES + 1))),
					kind.name(), key, SqlTime.utc(now))
			.update() == 1;
	}

	/** The consecutive failures so far, the attempt being checked included. */
	public int failures(Kind kind, String key) {
		return this.jdbc.sql("select failures from attempt_gate where kind = ? and gate_key = ?")
			.params(kind.name(), key)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/** The attempt was wrong (already counted): sets the wait its count calls for, and returns it. */
	@Transactional
	public Duration recordFailure(Kind kind, String key) {
		Duration wait = Backoff.after(failures(kind, key));
		if (!wait.isZero()) {
			this.jdbc.sql("update attempt_gate set locked_until = ? where kind = ? and gate_key = ?")
				.params(SqlTime.utc(this.clock.instant().plus(wait)), kind.name(), key)
				.update();
		}
		return wait;
	}

	/** Lifts the wait but keeps the count (a factor blocked for good needs no wait on top). */
	public void lift(Kind kind, String key) {
		this.jdbc.sql("update attempt_gate set locked_until = null where kind = ? and gate_key = ?")
			.params(kind.name(), key)
			.update();
	}

	/** A right answer, or an administrator's unlock: the count and the wait are gone. */
	public void reset(Kind kind, String key) {
		this.jdbc.sql("delete from attempt_gate where kind = ? and gate_key = ?").params(kind.name(), key).update();
	}

	/** @return how long this key must still wait, or zero */
	public Duration waitFor(Kind kind, String key) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select locked_until from attempt_gate where kind = ? and gate_key = ?")
			.params(kind.name(), key)
			.query((rs, n) -> SqlTime.instant(rs, "locked_until"))
			.optional()
			.filter(until -> until != null && until.isAfter(now))
			.map(until -> Duration.between(now, until))
			.orElse(Duration.ZERO);
	}

	/**
	 * Daily: forget password counters (of emails and re-checks) that stopped failing a day ago (most
	 * are unknown emails). A device cookie's count lives as long as the cookie (its owner resets it),
	 * so a stolen cookie gets its ten guesses once, not ten a day. Second-factor counts are kept
	 * until a right answer: the block after 100 failures in a row must not be escaped by guessing
	 * slowly.
	 */
	@Scheduled(cron = "${zdash.throttle.prune-cron:0 27 3 * * *}")
	public int prune() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				delete from attempt_gate
				where kind in (?, ?, ?, ?) and last_failure_at < ? and (locked_until is null or locked_until < ?)""")
			.params(Kind.PASSWORD.name(), Kind.PASSWORD_RECHECK.name(), Kind.PASSWORD_RESET.name(), Kind.LOST_DEVICE.name(),
					SqlTime.utc(now.minus(Duration.ofDays(1))), SqlTime.utc(now))
			.update();
	}

}
