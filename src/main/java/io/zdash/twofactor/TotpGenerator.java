package io.zdash.twofactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) one-time codes. Immutable and thread-safe: a {@link Mac} is
 * created per call because Mac instances are not.
 */
public final class TotpGenerator {

	/** HMAC algorithms from RFC 6238. Only SHA1 is issued to users: many apps ignore the others. */
	public enum Algorithm {

		SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

		private final String macName;

		Algorithm(String macName) {
			this.macName = macName;
		}

	}

	/** What Google, Microsoft Authenticator, 1Password, Authy and Bitwarden all understand. */
	public static final TotpGenerator AUTHENTICATOR_APPS = new TotpGenerator(Algorithm.SHA1, 6, Duration.ofSeconds(30));

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private final Algorithm algorithm;

	private final int digits;

	private final long stepSeconds;

	public TotpGenerator(Algorithm algorithm, int digits, Duration step) {
		if (digits < 6 || digits > 8) {
			throw new IllegalArgumentException("RFC 4226 codes have 6 to 8 digits");
		}
		if (step.getSeconds() < 1) {
			throw new IllegalArgumentException("Time step must be at least one second");
		}
		this.algorithm = algorithm;
		this.digits = digits;
		this.stepSeconds = step.getSeconds();
	}

	public int digits() {
		return this.digits;
	}

	/** The length of one time step (X in RFC 6238). */
	public Duration stepLength() {
		return Duration.ofSeconds(this.stepSeconds);
	}

	/** The RFC 6238 time step counter T for an instant (T0 = Unix epoch). */
	public long timeStep(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), this.stepSeconds);
	}

	/** The zero-padded code for a counter (HOTP) or time step (TOTP). */
	public String code(byte[] key, long counter) {
		return pad(hotp(mac(key), counter));
	}

	/**
	 * The codes of {@code count} consecutive counters from {@code first}: one keyed {@link Mac} for all
	 * of them ({@code doFinal} resets it), since creating and keying a Mac costs more than an HMAC.
	 */
	public String[] codes(byte[] key, long first, int count) {
		Mac mac = mac(key);
		String[] codes = new String[count];
		for (int i = 0; i < count; i++) {
			codes[i] = pad(hotp(mac, first + i));
		}
		return codes;
	}

	private String pad(int code) {
		String value = Integer.toString(code);
		return "0".repeat(this.digits - value.length()) + value;
	}

	private int hotp(Mac mac, long counter) {
		byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
		// Dynamic truncation, RFC 4226 section 5.3.
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		return binary % POWERS_OF_TEN[this.digits];
	}

	private Mac mac(byte[] key) {
		try {
			Mac mac = Mac.getInstance(this.algorithm.macName);
			mac.init(new SecretKeySpec(key, "RAW"));
			return mac;
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("Unusable TOTP key", ex);
		}
		catch (GeneralSecurityException ex) {
			// Every Java platform must provide these HMACs.
			throw new IllegalStateException(ex);
		}
	}

}
