package io.zdash.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One log line per security event, and with structured logging switched on
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash}, docs/operations.md) it is one JSON object whose fields a
 * log pipeline can filter on — the same encoder Spring Boot then puts on the console.
 */
class StructuredLogTest extends JourneyTest {

	private final Logger securityLog = (Logger) LoggerFactory.getLogger("zdash.security");

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void capture() {
		this.lines.start();
		this.securityLog.addAppender(this.lines);
	}

	@AfterEach
	void release() {
		this.securityLog.detachAppender(this.lines);
	}

	@Test
	void whenASecurityEventHappensThenOneLineWhoseJsonCarriesItsFields() throws Exception {
		this.journey.signUp(this.email);
		this.journey.signIn(this.email, "not the right password");
		long accountId = this.jdbc.sql("select id from account where email = ?").param(this.email)
			.query(Long.class)
			.single();

		List<ILoggingEvent> failures = this.lines.list.stream()
			.filter(line -> line.getFormattedMessage().contains("SIGN_IN_PASSWORD_FAILED"))
			.toList();
		assertThat(failures).hasSize(1);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setFormat("logstash");
		encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		encoder.start();
		String json = new String(encoder.encode(failures.get(0)), StandardCharsets.UTF_8);

		assertThat(json.strip()).doesNotContain("\n");
		JsonNode line = JsonMapper.builder().build().readTree(json);
		assertThat(line.get("security_event").asString()).isEqualTo("SIGN_IN_PASSWORD_FAILED");
		assertThat(line.get("account_id").asLong()).isEqualTo(accountId);
		assertThat(line.get("client_address").asString()).isEqualTo("127.0.0.1");
		assertThat(line.get("logger_name").asString()).isEqualTo("zdash.security");
		assertThat(json).doesNotContain(WebJourney.PASSWORD).doesNotContain("not the right password");
	}

}
