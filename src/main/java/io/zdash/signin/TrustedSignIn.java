package io.zdash.signin;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The ends of the second step: skipping it on a trusted device (at the password step), trusting
 * the browser when the person asked (after the code), and the page, if any, a feature has to show
 * once the sign-in is complete ({@link AfterSecondStep}).
 */
@Component
public class TrustedSignIn {

	private static final Logger log = LoggerFactory.getLogger(TrustedSignIn.class);

	private final ObjectProvider<DeviceTrust> trust;

	private final ObjectProvider<AfterSecondStep> after;

	private final RequiredFactors requiredFactors;

	private final SessionFactors sessionFactors;

	private final Clock clock;

	TrustedSignIn(ObjectProvider<DeviceTrust> trust, ObjectProvider<AfterSecondStep> after,
			RequiredFactors requiredFactors, SessionFactors sessionFactors, Clock clock) {
		this.trust = trust;
		this.after = after;
		this.requiredFactors = requiredFactors;
		this.sessionFactors = sessionFactors;
		this.clock = clock;
	}

	/**
	 * At the password step of account {@code accountId}, already signed in with its password: when
	 * it awaits a second factor, its factors do not have to be proven this time (a check-up, say),
	 * and this browser is one of its trusted devices, the session is complete and gets a new id.
	 * @return whether it is complete now
	 */
	public boolean completeIfTrusted(long accountId, HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (!Factors.awaitsSecondFactor(current) || this.requiredFactors.mustBeProvenAtNextSignIn(accountId)) {
			return false;
		}
		boolean vouched;
		try {
			vouched = this.trust.orderedStream().anyMatch(port -> port.vouchesFor(current, request, response));
		}
		catch (DataAccessException unavailable) {
			// The password was right; without the device's answer, the person types a code as usual.
			log.warn("Trusted device not checked: {}", unavailable.getClass().getName());
			return false;
		}
		if (vouched) {
			this.sessionFactors.update(request, response, authentication -> authentication.toBuilder()
				.authorities(authorities -> authorities.add(Factors.proven(Factors.TRUSTED_DEVICE, this.clock.instant())))
				.build());
			request.changeSessionId();
		}
		return vouched;
	}

	/** After a second step passed with a code: trusts the browser if the person ticked the box. */
	void rememberIfAsked(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
		if ("true".equals(request.getParameter(DeviceTrust.REMEMBER))) {
			try {
				this.trust.orderedStream().forEach(port -> port.remember(signedIn, request, response));
			}
			catch (DataAccessException unavailable) {
				// The sign-in is complete: not remembering the device must not turn it into an error page.
				log.warn("Device not remembered: {}", unavailable.getClass().getName());
			}
		}
	}

	/** The page a feature has to show now that the sign-in is complete, if any: the first that answers. */
	public Optional<String> pageAfterSecondStep(Authentication signedIn) {
		return this.after.orderedStream().map(port -> port.pageAfter(signedIn)).flatMap(Optional::stream).findFirst();
	}

}
