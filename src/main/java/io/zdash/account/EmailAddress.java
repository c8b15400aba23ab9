package io.zdash.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.SpoofChecker.RestrictionLevel;

/**
 * Normalises a typed email so that one mailbox maps to one account: compatibility forms folded
 * (NFKC: a fullwidth {@code ａdmin} is {@code admin}), trimmed, lower-cased. Refused: invisible and
 * text-direction characters, and a part (the local part, a domain label) that mixes alphabets, as
 * Latin with Cyrillic look-alikes (Unicode TR39). Otherwise the check is deliberately loose: the only
 * real proof of an address is mail delivered to it.
 */
public final class EmailAddress {

	/** RFC 5321 limits a forward path to 254 characters. */
	static final int MAX_LENGTH = 254;

	/** Characters RFC 5322 allows only in quoted local parts, which real mailboxes do not use. */
	private static final String FORBIDDEN = "<>()[]\\,;:\"";

	/** Immutable once built, so shared by every thread. */
	private static final SpoofChecker ONE_ALPHABET = new SpoofChecker.Builder().setChecks(SpoofChecker.RESTRICTION_LEVEL)
		.setRestrictionLevel(RestrictionLevel.HIGHLY_RESTRICTIVE)
		.build();

	private static final SpoofChecker LOOK_ALIKES = new SpoofChecker.Builder().build();

	private EmailAddress() {
	}

	/**
	 * The address as a page may show it to whoever is at the screen mid-sign-in: the first letter
	 * and the domain, {@code a•••@example.com}, enough to tell one's accounts apart.
	 */
	public static String masked(String email) {
		int at = (email != null) ? email.lastIndexOf('@') : -1;
		if (at < 1) {
			return "•••";
		}
		return email.substring(0, email.offsetByCodePoints(0, 1)) + "•••" + email.substring(at);
	}

	public static Optional<String> normalise(String input) {
		return problemWith(input).isPresent() ? Optional.empty() : Optional.of(folded(input));
	}

	/** Why the typed email is refused, as a message key; empty when it is a usable address. */
	public static Optional<String> problemWith(String input) {
		if (input == null || input.length() > 4 * MAX_LENGTH) {
			return Optional.of("email.invalid");
		}
		String email = folded(input);
		if (email.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
			// Zero-width and direction marks: the address would look like another one.
			return Optional.of("email.invisible");
		}
		int at = email.lastIndexOf('@');
		if (email.isEmpty() || email.length() > MAX_LENGTH || at < 1 || at == email.length() - 1
				|| email.indexOf('@') != at || !email.substring(at).contains(".")
				|| email.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
						|| FORBIDDEN.indexOf(c) >= 0)) {
			return Optional.of("email.invalid");
		}
		for (String part : (email.substring(0, at) + "." + email.substring(at + 1)).split("\\.")) {
			if (ONE_ALPHABET.failsChecks(part)) {
				return Optional.of("email.mixedScripts");
			}
		}
		return Optional.empty();
	}

	/**
	 * What an address looks like, whatever alphabet draws it (TR39 skeleton): two addresses with one
	 * skeleton are one address to a person reading them, so they are one account here.
	 */
	public static String skeleton(String normalisedEmail) {
		return LOOK_ALIKES.getSkeleton(normalisedEmail);
	}

	private static String folded(String input) {
		return Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
	}

}
