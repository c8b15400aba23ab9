package io.zdash.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes the email for a security event from mail*.properties, in the language of the request that
 * caused it: what happened, when (now, in UTC), from where, and what to do if it was not the owner.
 * Only the event's type, the count of remaining recovery codes, the time, the client address and the
 * user agent go in: never a secret, code, password or session id. The one email with a secret is the
 * confirmation of a new address, whose link goes to that address alone.
 */
@Component
class NoticeWriter {

	/** Every mail key starts with this; the rest is a common part or an event type and a part. */
	static final String PREFIX = "mail.";

	/** The emails with a link (no security event): each kind has a subject, asked, expires and notYou text. */
	static final String CONFIRM_NEW_EMAIL = "confirmNewEmail";

	static final String VERIFY_EMAIL = "verifyEmail";

	static final String RESET_PASSWORD = "resetPassword";

	static final String LOST_DEVICE = "lostDevice";

	static final java.util.List<String> LINK_KINDS = java.util.List.of(CONFIRM_NEW_EMAIL, VERIFY_EMAIL, RESET_PASSWORD,
			LOST_DEVICE);

	static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final Pattern REMAINING = Pattern.compile("remaining=(\\d{1,4})");

	private static final Pattern DEADLINE = Pattern.compile("deadline=(\\S{1,40})");

	private static final Pattern ENDS = Pattern.compile("ends=(\\S{1,40})");

	private final MessageSource messages;

	private final Clock clock;

	NoticeWriter(MessageSource messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	Notice write(String to, SecurityEvent event) {
		return write(to, event, Locale.ENGLISH);
	}

	/** @param preferred the language when no request says one (a scheduled reminder): the owner's */
	Notice write(String to, SecurityEvent event, Locale preferred) {
		Locale locale = locale(preferred);
		String type = event.type().name();
		StringBuilder body = new StringBuilder();
		body.append(text("greeting", locale)).append("\n\n");
		body.append(text(type + ".happened", locale)).append('\n');
		remaining(event).ifPresent(count -> body.append(text("remaining", locale, count)).append('\n'));
		deadline(event).ifPresent(at -> body.append(text("deadline", locale, WHEN.format(at))).append('\n'));
		instantIn(ENDS, event.type().name().startsWith("LOST_DEVICE_RECOVERY_") ? event.detail() : null)
			.ifPresent(at -> body.append(text("ends", locale, WHEN.format(at))).append('\n'));
		body.append('\n');
		body.append(text("when", locale, WHEN.format(this.clock.instant()))).append('\n');
		body.append(text("where", locale, origin(event.origin(), locale))).append("\n\n");
		body.append(text(type + ".notYou", locale)).append("\n\n");
		body.append(text("signature", locale)).append('\n');
		return new Notice(to, text(type + ".subject", locale), body.toString());
	}

	/**
	 * The link that proves the owner reads the new address. It does not name the account's current
	 * address: a mistyped new one would tell a stranger who asked.
	 */
	Notice writeConfirmation(String to, String link, Instant expiresAt, Origin origin) {
		return writeLink(CONFIRM_NEW_EMAIL, to, link, expiresAt, origin);
	}

	/**
	 * An email whose point is a secret link for {@code to} alone: {@code kind} names its texts
	 * (subject, asked, expires, notYou).
	 */
	Notice writeLink(String kind, String to, String link, Instant expiresAt, Origin origin) {
		Locale locale = locale();
		StringBuilder body = new StringBuilder();
		body.append(text("greeting", locale)).append("\n\n");
		body.append(text(kind + ".asked", locale)).append("\n\n");
		body.append(link).append("\n\n");
		body.append(text(kind + ".expires", locale, WHEN.format(expiresAt))).append("\n\n");
		body.append(text("when", locale, WHEN.format(this.clock.instant()))).append('\n');
		body.append(text("where", locale, origin(origin, locale))).append("\n\n");
		body.append(text(kind + ".notYou", locale)).append("\n\n");
		body.append(text("signature", locale)).append('\n');
		return new Notice(to, text(kind + ".subject", locale), body.toString());
	}

	/** English unless the request asked for Portuguese; with no request at all, English. */
	private static Locale locale() {
		return locale(Locale.ENGLISH);
	}

	/** The request's language; with no request at all, {@code preferred}. Portuguese or English. */
	private static Locale locale(Locale preferred) {
		Locale wanted = (LocaleContextHolder.getLocaleContext() != null) ? LocaleContextHolder.getLocale() : preferred;
		return (wanted != null && "pt".equals(wanted.getLanguage())) ? PORTUGUESE : Locale.ENGLISH;
	}

	private String origin(Origin from, Locale locale) {
		String unknown = text("unknown", locale);
		return RequestOrigin.of(from)
			.map(origin -> text("origin", locale, orElse(origin.address(), unknown), orElse(origin.userAgent(), unknown)))
			.orElse(unknown);
	}

	/** Only a reminder that 2FA will be required says from when ("deadline=INSTANT"). */
	private static Optional<Instant> deadline(SecurityEvent event) {
		return instantIn(DEADLINE, (event.type() == SecurityEvent.Type.TWO_FACTOR_REMINDER) ? event.detail() : null);
	}

	/** The instant a detail names after {@code name=}, if it does. */
	private static Optional<Instant> instantIn(Pattern name, String detail) {
		if (detail == null) {
			return Optional.empty();
		}
		Matcher m = name.matcher(detail);
		try {
			return m.find() ? Optional.of(Instant.parse(m.group(1))) : Optional.empty();
		}
		catch (java.time.format.DateTimeParseException unreadable) {
			return Optional.empty();
		}
	}

	/** Only the sign-in with a recovery code says how many are left ("remaining=N"). */
	private static Optional<Integer> remaining(SecurityEvent event) {
		if (event.type() != SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED || event.detail() == null) {
			return Optional.empty();
		}
		Matcher m = REMAINING.matcher(event.detail());
		return m.find() ? Optional.of(Integer.valueOf(m.group(1))) : Optional.empty();
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(PREFIX + key, args, locale);
	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
