package io.zdash.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.zdash.account.AccountService;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The administrator's read model of accounts: one query, then the password pause per row. */
@Component
class AccountOverview {

	static final int PAGE_SIZE = 50;

	/** One account as the admin page shows it. Never a secret, a hash or a code. */
	public record Row(long id, String email, boolean admin, Instant disabledAt, Instant lastSignInAt,
			Instant twoFactorSince, boolean codesPaused, boolean codesBlocked, boolean passwordPaused) {

		public boolean paused() {
			return this.codesPaused || this.codesBlocked || this.passwordPaused;
		}

	}

	private final JdbcClient jdbc;

	private final AccountService accounts;

	private final Clock clock;

	AccountOverview(JdbcClient jdbc, AccountService accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	List<Row> page(int page) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				select a.id, a.email, a.role, a.disabled_at, a.last_sign_in_at, c.enabled_at, c.locked_until, c.blocked_at
				from account a left join totp_credential c on c.account_id = a.id
				order by a.id offset ? rows fetch next ? rows only""")
			.params(Math.max(0, page) * PAGE_SIZE, PAGE_SIZE)
			.query((rs, n) -> {
				Instant lockedUntil = SqlTime.instant(rs, "locked_until");
				String email = rs.getString("email");
				return new Row(rs.getLong("id"), email, "ADMIN".equals(rs.getString("role")),
						SqlTime.instant(rs, "disabled_at"), SqlTime.instant(rs, "last_sign_in_at"),
						SqlTime.instant(rs, "enabled_at"), lockedUntil != null && lockedUntil.isAfter(now),
						SqlTime.instant(rs, "blocked_at") != null, !this.accounts.passwordWait(email).isZero());
			})
			.list();
	}

}
