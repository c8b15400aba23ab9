package io.zdash.signin;

import java.time.Clock;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The changes to a signed-in session's authentication that are not a sign-in step: 2FA turned on
 * or off from the Security page, and the account's principal renewed (see the account's sessions).
 * Factors proven at a sign-in step are granted by {@link FactorFilters}, never here.
 */
@Component
public class SessionFactors {

	/** Set when the second step was passed with a recovery code, until the Security page is seen. */
	public static final String USED_RECOVERY_CODE = "ZDASH_USED_RECOVERY_CODE";

	/**
	 * A random value given to a session at the password step: it stays the same for the whole sign-in
	 * although the session id changes with each factor, so "this sign-in used that code" can be told
	 * from another session sending it (see {@code FactorAttempt#sessionKey}).
	 */
	public static final String SIGN_IN_KEY = "ZDASH_SIGN_IN_KEY";

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final Clock clock;

	SessionFactors(Clock clock) {
		this.clock = clock;
	}

	/**
	 * 2FA was just turned on with a code from the app: this session has proven that factor too, and
	 * gets a new id.
	 */
	public void enrolled(HttpServletRequest request, HttpServletResponse response) {
		update(request, response, current -> current.toBuilder().authorities(authorities -> {
			authorities.removeIf(a -> Factors.TOTP.equals(a.getAuthority()) || Factors.TOTP_REQUIRED.equals(a.getAuthority()));
			authorities.add(Factors.proven(Factors.TOTP, this.clock.instant()));
			authorities.add(new SimpleGrantedAuthority(Factors.TOTP_ENROLLED));
		}).build());
		request.changeSessionId();
	}

	/** 2FA was turned off: the session no longer has, nor needs, the second factor. */
	public void unenrolled(HttpServletRequest request, HttpServletResponse response) {
		update(request, response, current -> current.toBuilder()
			.authorities(authorities -> authorities.removeIf(
					a -> Factors.TOTP_ENROLLED.equals(a.getAuthority()) || Factors.TOTP.equals(a.getAuthority())))
			.build());
	}

	/** Replaces this session's authentication with {@code change} of it, and saves it in the session. */
	public void update(HttpServletRequest request, HttpServletResponse response, UnaryOperator<Authentication> change) {
		Authentication current = this.holder.getContext().getAuthentication();
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(change.apply(current));
		this.holder.setContext(context);
		this.repository.saveContext(context, request, response);
	}

}
