package io.zdash.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far this node's clock is from the database's, measured at start-up and every few minutes.
 * Codes are checked against the node's clock and every node shares one database, so a node whose
 * clock runs off refuses right codes (or takes stale ones) that the others would not: exported as
 * {@code zdash_clock_skew_seconds} (node minus database), shown by the readiness check to
 * administrators, and a warning in the log past {@value #WARN_SECONDS} seconds.
 */
@Component
class ClockSkew implements HealthIndicator {

	static final long WARN_SECONDS = 15;

	private static final Logger log = LoggerFactory.getLogger(ClockSkew.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Duration skew = Duration.ZERO;

	private volatile boolean measured;

	ClockSkew(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("zdash.clock.skew", this, ClockSkew::seconds)
			.baseUnit("seconds")
			.description("This node's clock minus the database's")
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "${zdash.clock.check-every:5m}", initialDelayString = "${zdash.clock.check-every:5m}")
	void measure() {
		try {
			Instant before = this.clock.instant();
			OffsetDateTime database = this.jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single();
			Instant after = this.clock.instant();
			// The database read its clock somewhere between the two readings of ours: take the middle.
			Instant ours = before.plus(Duration.between(before, after).dividedBy(2));
			this.skew = Duration.between(database.toInstant(), ours);
			this.measured = true;
			if (Math.abs(this.skew.toSeconds()) > WARN_SECONDS) {
				log.warn("This node's clock is {} s {} the database's: two-factor codes may be refused here. Synchronise "
						+ "the clocks (NTP).", Math.abs(this.skew.toSeconds()), this.skew.isNegative() ? "behind" : "ahead of");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not compare this node's clock with the database's: {}", ex.getMessage());
		}
	}

	double seconds() {
		return this.skew.toMillis() / 1000.0;
	}

	@Override
	public Health health() {
		// Reported, not judged: a skewed node is still up; the log and the metric say what to fix.
		return Health.up()
			.withDetail("skewSeconds", this.measured ? seconds() : "not measured yet")
			.withDetail("warnAboveSeconds", WARN_SECONDS)
			.build();
	}

}
