package io.zdash.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends a {@link Notice} over SMTP when a server is configured ({@code spring.mail.host}, read at run
 * time: the client itself always exists, see {@link MailSenderConfiguration}), and otherwise writes it
 * to the log, so that a self-hosted install without mail still shows its owner what would have been
 * sent.
 */
@Component
class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	private final ObjectProvider<JavaMailSender> senders;

	private final MailProperties mail;

	private final String from;

	Mailer(ObjectProvider<JavaMailSender> senders, MailProperties mail,
			@Value("${zdash.mail.from:Z-API Dashboard <no-reply@localhost>}") String from) {
		this.senders = senders;
		this.mail = mail;
		this.from = from;
	}

	/** @throws org.springframework.mail.MailException when the SMTP server refuses or cannot be reached */
	void send(Notice notice) {
		JavaMailSender sender = StringUtils.hasText(this.mail.getHost()) ? this.senders.getIfAvailable() : null;
		if (sender == null) {
			// Bodies hold no password, code or session id by construction (see NoticeWriter), so the whole
			// message may be logged. The secrets are the links (a new email address's confirmation, an
			// address's verification, a password reset), logged on purpose: without SMTP this line is how
			// an operator delivers them, as docs/operations.md says; each works once and soon expires. With
			// SMTP configured they never reach the log.
			log.info("Email not sent, no SMTP server configured (spring.mail.host): to={} subject={} body={}",
					notice.to(), notice.subject(), notice.body().strip().replaceAll("\\s*\\n\\s*", " | "));
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(notice.to());
		message.setSubject(notice.subject());
		message.setText(notice.body());
		sender.send(message);
	}

}
