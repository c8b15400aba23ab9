package io.zdash.account;

import java.time.Clock;
import java.time.Duration;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password step: Spring's {@link DaoAuthenticationProvider} (which also hashes for unknown
 * emails, so timing does not tell) behind the password's attempt gate. While an email is throttled
 * the password is not even checked, so the answer cannot reveal whether it was right. The
 * request's {@link Origin} arrives as the authentication's details.
 */
@Component
class ThrottledPasswordStep implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final PasswordAttempts attempts;

	private final SecurityLog securityLog;

	private final AccountRepository accounts;

	private final Clock clock;

	private final KnownDevices devices;

	ThrottledPasswordStep(AccountUserDetailsService users, AccountRepository accounts, PasswordEncoder encoder,
			PasswordAttempts attempts, SecurityLog securityLog, Clock clock, KnownDevices devices) {
		this.devices = devices;
		this.accounts = accounts;
		this.clock = clock;
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(encoder);
		this.passwords.setUserDetailsPasswordService(users);
		this.attempts = attempts;
		this.securityLog = securityLog;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		try {
			return throttledAuthenticate(authentication);
		}
		catch (HashingBusyException ex) {
			// Expected under a storm, counted by the encoder: not an internal error with a stack trace
			// per request. Nobody is signed in; the failure handler answers 503.
			throw new AuthenticationServiceException("Password hashing at capacity", ex);
		}
		catch (DataAccessException ex) {
			// Fail closed: nobody is signed in; the failure handler answers 503.
			throw new InternalAuthenticationServiceException("Sign-in unavailable right now", ex);
		}
	}

	private Authentication throttledAuthenticate(Authentication authentication) {
		String email = authentication.getName();
		Origin origin = (authentication.getDetails() instanceof Origin o) ? o : Origin.NONE;
		Duration wait = this.attempts.begin(email);
		if (!wait.isZero()) {
			this.securityLog.record(SecurityEvent.of(null, SecurityEvent.Type.SIGN_IN_THROTTLED, origin));
			throw new SignInThrottledException(wait);
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.attempts.reset(email);
			long accountId = ((AccountUser) result.getPrincipal()).accountId();
			this.accounts.recordSignIn(accountId, this.clock.instant());
			this.devices.signedIn(accountId, this.clock.instant(), origin);
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_PASSWORD_SUCCEEDED, origin));
			return result;
		}
		catch (BadCredentialsException ex) {
			Duration imposed = this.attempts.failed(email);
			// Shown in the owner's security log when the email is theirs; nothing is said to the client.
			Long accountId = EmailAddress.normalise(email).flatMap(this.accounts::findByEmail).map(Account::id).orElse(null);
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_PASSWORD_FAILED, origin));
			if (!imposed.isZero()) {
				throw new SignInThrottledException(imposed);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
