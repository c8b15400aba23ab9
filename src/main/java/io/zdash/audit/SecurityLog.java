package io.zdash.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.zdash.support.SqlTime;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records a {@link SecurityEvent}: a row in {@code security_event}, in the transaction of the change
 * it records (the caller's), and one log line. Then it publishes the event for those that only
 * observe it — metrics at once, email after the commit — none of which may change anything.
 */
@Service
public class SecurityLog {

	private static final Logger log = LoggerFactory.getLogger("zdash.security");

	private static final int MAX_USER_AGENT = 300;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher observers;

	SecurityLog(JdbcClient jdbc, Clock clock, ApplicationEventPublisher observers) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.observers = observers;
	}

	public void record(SecurityEvent event) {
		String address = event.origin().address();
		this.jdbc.sql("""
				insert into security_event (occurred_at, account_id, type, detail, client_address, user_agent)
				values (?, ?, ?, ?, ?, ?)""")
			.params(SqlTime.utc(this.clock.instant()), event.accountId(), event.type().name(), event.detail(), address,
					truncate(event.origin().userAgent()))
			.update();
		// One line per event. The key-value pairs become JSON fields when structured logging is on
		// (LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash or ecs); the message stays readable without it.
		LoggingEventBuilder line = log.atInfo().addKeyValue("security_event", event.type().name());
		if (event.accountId() != null) {
			line = line.addKeyValue("account_id", event.accountId());
		}
		if (address != null) {
			line = line.addKeyValue("client_address", address);
		}
		if (event.detail() != null) {
			line = line.addKeyValue("detail", event.detail());
		}
		line.log("security_event type={} account={} address={} detail={}", event.type(), event.accountId(), address,
				event.detail());
		this.observers.publishEvent(event);
	}

	private static String truncate(String value) {
		return (value == null || value.length() <= MAX_USER_AGENT) ? value : value.substring(0, MAX_USER_AGENT);
	}

}
