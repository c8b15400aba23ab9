package io.zdash.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email text lives in mail.properties and mail_pt_BR.properties (the UI's messages check does not
 * read them): the same keys in both, every key an email uses defined, none left over, and every
 * email written in both languages.
 */
class MailMessagesTest {

	private static final Set<String> COMMON = Set.of("greeting", "when", "where", "origin", "unknown", "remaining", "deadline", "ends",
			"signature");

	private static final Set<String> PER_EVENT = Set.of("subject", "happened", "notYou");

	/** The parts of each email with a link (a new address's confirmation, verification, reset): no security events. */
	private static final Set<String> PER_LINK = Set.of("subject", "asked", "expires", "notYou");

	@AfterEach
	void tearDown() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void whenComparedThenBothLanguagesHaveExactlyTheSameKeys() throws IOException {
		assertThat(load("mail_pt_BR.properties").stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(load("mail.properties").stringPropertyNames());
	}

	@Test
	void whenEmailsAreWrittenThenEveryKeyTheyUseIsDefinedAndNoneIsLeftOver() throws IOException {
		Set<String> used = new TreeSet<>();
		COMMON.forEach(part -> used.add(NoticeWriter.PREFIX + part));
		for (String kind : NoticeWriter.LINK_KINDS) {
			PER_LINK.forEach(part -> used.add(NoticeWriter.PREFIX + kind + "." + part));
		}
		for (SecurityEvent.Type type : SecurityNotifications.NOTIFIED) {
			PER_EVENT.forEach(part -> used.add(NoticeWriter.PREFIX + type.name() + "." + part));
		}
		assertThat(load("mail.properties").stringPropertyNames()).containsExactlyInAnyOrderElementsOf(used);
	}

	@Test
	void whenComparedThenEveryPortugueseTextIsTranslated() throws IOException {
		Properties english = load("mail.properties");
		Properties portuguese = load("mail_pt_BR.properties");
		for (String key : english.stringPropertyNames()) {
			assertThat(portuguese.getProperty(key)).as(key).isNotBlank().isNotEqualTo(english.getProperty(key));
		}
	}

	@Test
	void whenEveryNotifiedEventIsWrittenInBothLanguagesThenEachEmailIsComplete() {
		NoticeWriter writer = new NoticeWriter(NoticeLogTest.mailMessages(), Clock.systemUTC());
		for (Locale locale : new Locale[] { Locale.ENGLISH, NoticeWriter.PORTUGUESE }) {
			LocaleContextHolder.setLocale(locale);
			for (SecurityEvent.Type type : SecurityNotifications.NOTIFIED) {
				Notice notice = writer.write("owner@example.com",
						new SecurityEvent(1L, type, "remaining=1"));
				assertThat(notice.subject()).as(type + " " + locale).isNotBlank().doesNotContain("mail.");
				assertThat(notice.body()).as(type + " " + locale)
					.contains(locale == Locale.ENGLISH ? "When: " : "Quando: ")
					.contains(locale == Locale.ENGLISH ? "If " : "Se ")
					.doesNotContain("{")
					.doesNotContain("''");
			}
		}
	}

	@Test
	void whenConfirmationIsWrittenInBothLanguagesThenItHoldsTheLinkAndItsExpiry() {
		NoticeWriter writer = new NoticeWriter(NoticeLogTest.mailMessages(), Clock.systemUTC());
		String link = "http://localhost:8080/security/email/confirm?token=abc";
		for (Locale locale : new Locale[] { Locale.ENGLISH, NoticeWriter.PORTUGUESE }) {
			LocaleContextHolder.setLocale(locale);
			Notice notice = writer.writeConfirmation("new@example.com", link, Instant.parse("2030-01-02T03:04:00Z"), Origin.NONE);
			assertThat(notice.to()).isEqualTo("new@example.com");
			assertThat(notice.subject()).as(locale.toString()).isNotBlank().doesNotContain("mail.");
			assertThat(notice.body()).as(locale.toString())
				.contains("\n" + link + "\n")
				.contains("2030-01-02 03:04 UTC")
				.contains(locale == Locale.ENGLISH ? "If you did not ask" : "Se não foi você")
				.doesNotContain("{")
				.doesNotContain("''");
		}
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MailMessagesTest.class.getResourceAsStream("/" + name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
