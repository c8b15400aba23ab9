package io.zdash.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.zdash.WebJourney;
import io.zdash.account.AccountService;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvent.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Without an SMTP server the email goes to the log as one line; a failing server is a warning, never an error. */
@ExtendWith(OutputCaptureExtension.class)
class NoticeLogTest {

	private static final String OWNER = "owner@example.com";

	private final AccountService accounts = mock(AccountService.class);

	private MockHttpServletRequest request;

	@BeforeEach
	void setUp() {
		when(this.accounts.emailOf(7L)).thenReturn(Optional.of(OWNER));
		// A request that carries secrets in every place a careless email might copy from.
		this.request = new MockHttpServletRequest("POST", "/login/recovery");
		this.request.setRemoteAddr("203.0.113.7");
		this.request.setSession(new MockHttpSession(null, "session-id-4f1c9a7e"));
		this.request.addHeader("User-Agent", "Firefox\r\nsecurity_event type=FORGED");
		this.request.addHeader("Cookie", "SESSION=session-id-4f1c9a7e");
		this.request.addParameter("code", "KQ3T-7XWM-PA2Z-9GHD");
		this.request.addParameter("password", WebJourney.PASSWORD);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(this.request));
	}

	@AfterEach
	void tearDown() {
		RequestContextHolder.resetRequestAttributes();
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void whenNoMailServerThenNoticeIsOneLogLineWithoutSecrets(CapturedOutput output) {
		notifications(noSender()).onSecurityEvent(new SecurityEvent(7L, Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED, "remaining=3", Origin.of(this.request)));

		List<String> lines = output.getAll().lines().filter(line -> line.contains("Email not sent")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("INFO")
			.contains("to=" + OWNER)
			.contains("subject=A recovery code was used to sign in")
			.contains("You have 3 recovery codes left.")
			.contains("When: 2026-03-01 12:34 UTC")
			.contains("From where: address 203.0.113.7, browser Firefox security_event type=FORGED")
			.contains("If this was not you");
		// The typed user agent stays inside the one line: it cannot start a log line of its own.
		assertThat(output.getAll().lines().filter(line -> line.contains("FORGED"))).allMatch(line -> line.contains("Email not sent"));
		assertThat(output.getAll()).doesNotContain("session-id-4f1c9a7e")
			.doesNotContain("KQ3T-7XWM-PA2Z-9GHD")
			.doesNotContain(WebJourney.PASSWORD);
	}

	@Test
	void whenMailServerFailsThenWarningWithoutBodyAndTheActionGoesOn(CapturedOutput output) {
		JavaMailSender failing = mock(JavaMailSender.class);
		doThrow(new MailSendException("Mail server connection failed")).when(failing).send(any(SimpleMailMessage.class));

		assertThatCode(() -> notifications(sender(failing)).onSecurityEvent(SecurityEvent.of(7L, Type.TWO_FACTOR_DISABLED, Origin.of(this.request))))
			.doesNotThrowAnyException();

		assertThat(output.getAll()).contains("WARN")
			.contains("Security email type=TWO_FACTOR_DISABLED account=7 not sent")
			.contains("Mail server connection failed")
			.doesNotContain("Signing in now asks only for your password");
	}

	@Test
	void whenEventHasNoAccountOrIsOnlyForTheLogThenNothingIsSent(CapturedOutput output) {
		JavaMailSender sender = mock(JavaMailSender.class);
		SecurityNotifications notifications = notifications(sender(sender));

		notifications.onSecurityEvent(SecurityEvent.of(null, Type.SECOND_FACTOR_GUESSED, Origin.of(this.request)));
		notifications.onSecurityEvent(SecurityEvent.of(7L, Type.SIGN_IN_CODE_SUCCEEDED, Origin.of(this.request)));
		notifications.onSecurityEvent(SecurityEvent.of(7L, Type.SIGN_IN_PASSWORD_FAILED, Origin.of(this.request)));

		verify(this.accounts, never()).emailOf(anyLong());
		verify(sender, never()).send(any(SimpleMailMessage.class));
	}

	@Test
	void whenThrottledAfterTheRightPasswordThenOwnerIsToldToChangeIt(CapturedOutput output) {
		notifications(noSender()).onSecurityEvent(SecurityEvent.of(7L, Type.SECOND_FACTOR_GUESSED, Origin.of(this.request)));

		assertThat(output.getAll()).contains("subject=Your password is probably known to someone else")
			.contains("change your password now");
	}

	@Test
	void whenNoRequestThenFromWhereIsUnknownAndTheTextIsEnglish(CapturedOutput output) {
		RequestContextHolder.resetRequestAttributes();
		LocaleContextHolder.resetLocaleContext();

		notifications(noSender()).onSecurityEvent(SecurityEvent.of(7L, Type.TWO_FACTOR_RESET_BY_ADMIN));

		assertThat(output.getAll()).contains("subject=An administrator reset your two-factor authentication")
			.contains("From where: unknown");
	}

	@Test
	void whenTheClientExistsButNoHostIsSetThenTheNoticeGoesToTheLog(CapturedOutput output) {
		JavaMailSender sender = mock(JavaMailSender.class);

		new Mailer(sender(sender), new MailProperties(), "Z-API Dashboard <no-reply@localhost>")
			.send(new Notice("owner@example.com", "Subject of a notice", "Body of a notice"));

		verify(sender, never()).send(any(SimpleMailMessage.class));
		assertThat(output.getAll()).contains("Email not sent, no SMTP server configured")
			.contains("subject=Subject of a notice");
	}

	private SecurityNotifications notifications(ObjectProvider<JavaMailSender> senders) {
		Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:34:56Z"), ZoneOffset.UTC);
		// The client always exists in the application; a host is what makes the Mailer use it.
		MailProperties mail = new MailProperties();
		if (senders.getIfAvailable() != null) {
			mail.setHost("smtp.example.com");
		}
		return new SecurityNotifications(this.accounts, new NoticeWriter(mailMessages(), clock),
				new Mailer(senders, mail, "Z-API Dashboard <no-reply@localhost>"),
				org.mockito.Mockito.mock(io.zdash.audit.SecurityEvents.class), clock);
	}

	static ResourceBundleMessageSource mailMessages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("mail");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static ObjectProvider<JavaMailSender> noSender() {
		return new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
	}

	private static ObjectProvider<JavaMailSender> sender(JavaMailSender sender) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("mailSender", sender);
		return beans.getBeanProvider(JavaMailSender.class);
	}

}
