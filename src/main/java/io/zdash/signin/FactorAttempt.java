package io.zdash.signin;

import java.io.Serial;
import java.time.Instant;
import java.util.List;

import io.zdash.support.Origin;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * What a person typed to prove one more factor of a session that is already signed in with its
 * password: not yet authenticated. The {@code AuthenticationProvider} that supports its
 * {@link Kind} checks it and answers {@link #proven} or throws {@link FactorRefused}; the filter then
 * adds the factor to the session's other factors (see {@link FactorFilters}).
 */
public final class FactorAttempt extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	public enum Kind {

		/** A 6-digit code from the authenticator app. */
		APP_CODE,
		/** A recovery code. */
		RECOVERY_CODE,
		/** Either of the two, told apart by its shape (step-up of an account with 2FA). */
		SECOND_FACTOR,
		/** The password again (step-up of an account without 2FA). */
		PASSWORD,
		/** A passkey's or security key's signature (JSON), as the second factor after the password. */
		KEY,
		/** A key's signature at a step-up re-check. */
		KEY_RECHECK,
		/** A passkey's signature as the whole sign-in: no principal yet, the key says whose it is. */
		PASSKEY_SIGN_IN

	}

	private final transient Object principal;

	private final Kind kind;

	private final String typed;

	private final String sessionKey;

	private final transient jakarta.servlet.http.HttpServletRequest request;

	FactorAttempt(Object principal, Kind kind, String typed, Origin origin, String sessionKey,
			jakarta.servlet.http.HttpServletRequest request) {
		super(List.of());
		this.request = request;
		this.principal = principal;
		this.kind = kind;
		this.typed = typed;
		this.sessionKey = sessionKey;
		setDetails(origin);
		setAuthenticated(false);
	}

	public Kind kind() {
		return this.kind;
	}

	/** Exactly as typed (may be null or anything): each provider parses its own kind. */
	public String typed() {
		return this.typed;
	}

	/**
	 * A SHA-256 of the sign-in's own key ({@link SessionFactors#SIGN_IN_KEY}, the same for all the
	 * requests of one sign-in, whatever its session id), or null for a session that has none.
	 */
	public String sessionKey() {
		return this.sessionKey;
	}

	/** The request it came in: a key's answer is checked against its session's challenge and origin. */
	public jakarta.servlet.http.HttpServletRequest request() {
		return this.request;
	}

	public Origin origin() {
		return (Origin) getDetails();
	}

	/** The answer of a provider that accepted the attempt: {@code factor}, proven now. */
	public Authentication proven(String factor, Instant now) {
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(this.principal,
				null, List.of(Factors.proven(factor, now)));
		result.setDetails(getDetails());
		return result;
	}

	/**
	 * The answer of the provider that accepted a passkey as the whole sign-in of {@code user}: its
	 * authorities, the key's factor proven now, and the mark of a sign-in without a password.
	 */
	public Authentication signedInWithPasskey(org.springframework.security.core.userdetails.UserDetails user,
			Instant now) {
		List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>(
				user.getAuthorities());
		authorities.add(Factors.proven(Factors.WEBAUTHN, now));
		authorities.add(new org.springframework.security.core.authority.SimpleGrantedAuthority(Factors.PASSKEY_SIGN_IN));
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				authorities);
		result.setDetails(getDetails());
		return result;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public String toString() {
		return "FactorAttempt[kind=" + this.kind + ", typed=******]";
	}

}
