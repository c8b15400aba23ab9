package io.zdash.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Records a {@link SecurityEvent}: a row of the log ({@link SecurityEvents}), in the transaction of the change
 * it records (the caller's), and one log line. Then it publishes the event for those that only
 * observe it — metrics at once, email after the commit — none of which may change anything.
 */
@Service
public class SecurityLog {

	private static final Logger log = LoggerFactory.getLogger("zdash.security");


	private final SecurityEvents events;

	private final Clock clock;

	private final ApplicationEventPublisher observers;

	SecurityLog(SecurityEvents events, Clock clock, ApplicationEventPublisher observers) {
		this.events = events;
		this.clock = clock;
		this.observers = observers;
	}

	public void record(SecurityEvent event) {
		String address = event.origin().address();
		this.events.insert(event, this.clock.instant());
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

}
