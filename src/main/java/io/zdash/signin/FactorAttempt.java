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
		PASSWORD

	}

	private final transient Object principal;

	private final Kind kind;

	private final String typed;

	private final String sessionKey;

	FactorAttempt(Object principal, Kind kind, String typed, Origin origin, String sessionKey) {
		super(List.of());
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
