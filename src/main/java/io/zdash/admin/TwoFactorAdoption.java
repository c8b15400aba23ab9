package io.zdash.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code zdash_accounts{two_factor="on"|"off"}}: how many accounts have 2FA, for an operator who
 * requires it by a deadline. Counted at most once a minute, however often the endpoint is scraped.
 */
@Component
class TwoFactorAdoption {

	private static final Duration FRESH_FOR = Duration.ofMinutes(1);

	private final AccountOverview overview;

	private final Clock clock;

	private volatile AccountOverview.Adoption counted = new AccountOverview.Adoption(0, 0);

	private volatile Instant countedAt = Instant.MIN;

	TwoFactorAdoption(AccountOverview overview, Clock clock, MeterRegistry meters) {
		this.overview = overview;
		this.clock = clock;
		Gauge.builder("zdash.accounts", this, adoption -> adoption.current().withTwoFactor())
			.tag("two_factor", "on")
			.description("Accounts with two-factor authentication on")
			.register(meters);
		Gauge.builder("zdash.accounts", this, adoption -> adoption.current().withoutTwoFactor())
			.tag("two_factor", "off")
			.description("Accounts without two-factor authentication")
			.register(meters);
	}

	private AccountOverview.Adoption current() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.countedAt.plus(FRESH_FOR)) || now.isBefore(this.countedAt)) {
			try {
				this.counted = this.overview.adoption();
				this.countedAt = now;
			}
			catch (DataAccessException unavailable) {
				// The last count stands; the database's trouble shows in the health check.
			}
		}
		return this.counted;
	}

}
