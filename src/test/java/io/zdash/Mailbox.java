package io.zdash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The test SMTP server's mail for one address. Some mail is sent off the request's thread (the
 * links), so reading waits a little for what a test expects.
 */
public final class Mailbox {

	private static final Pattern LINK = Pattern.compile("http://localhost:8080(/[a-z/-]+\\?token=[A-Za-z0-9_-]{43})");

	private final GreenMailExtension smtp;

	private final String address;

	public Mailbox(GreenMailExtension smtp, String address) {
		this.smtp = smtp;
		this.address = address;
	}

	/** The messages to this address with this subject, waiting up to 2 s for at least {@code expected}. */
	public List<MimeMessage> withSubject(String subject, int expected) throws Exception {
		long until = System.nanoTime() + 2_000_000_000L;
		List<MimeMessage> found;
		do {
			found = new ArrayList<>();
			for (MimeMessage message : this.smtp.getReceivedMessages()) {
				if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equals(this.address)) && subject.equals(message.getSubject())) {
					found.add(message);
				}
			}
			if (found.size() >= expected) {
				return found;
			}
			Thread.sleep(20);
		}
		while (System.nanoTime() < until);
		return found;
	}

	/** The path and query of the link in the newest message with this subject. */
	public String latestLink(String subject) throws Exception {
		List<MimeMessage> messages = withSubject(subject, 1);
		if (messages.isEmpty()) {
			throw new AssertionError("No \"" + subject + "\" mail to " + this.address);
		}
		Matcher link = LINK.matcher(messages.get(messages.size() - 1).getContent().toString());
		if (!link.find()) {
			throw new AssertionError("No link in \"" + subject + "\"");
		}
		return link.group(1);
	}

	public static String body(MimeMessage message) throws Exception {
		return message.getContent().toString();
	}

}
