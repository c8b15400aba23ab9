package io.zdash.audit;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.support.SqlTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stores each {@link SecurityEvent} in the {@code security_event} table and writes one log line per
 * event. Listens synchronously, so an event is stored in the transaction of the change it records.
 */
@Component
class SecurityLog {

	private static final Logger log = LoggerFactory.getLogger("zdash.security");

	private static final int MAX_USER_AGENT = 300;

	private final JdbcClient jdbc;

	private final Clock clock;

	SecurityLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void record(SecurityEvent event) {
		String address = null;
		String userAgent = null;
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			address = request.getRemoteAddr();
			userAgent = truncate(request.getHeader("User-Agent"));
		}
		this.jdbc.sql("""
				insert into security_event (occurred_at, account_id, type, detail, client_address, user_agent)
				values (?, ?, ?, ?, ?, ?)""")
			.params(SqlTime.utc(this.clock.instant()), event.accountId(), event.type().name(), event.detail(), address,
					userAgent)
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
	}

	private static String truncate(String value) {
		return (value == null || value.length() <= MAX_USER_AGENT) ? value : value.substring(0, MAX_USER_AGENT);
	}

}
