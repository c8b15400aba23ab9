package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
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
 * the password is not even checked, so the answer cannot reveal whether it was right. A browser
 * with the account's device cookie is under its own gate, any other under the email's (OWASP's
 * device cookies, see {@link DeviceCookies}). The request's {@link PasswordStepDetails} arrive as
 * the authentication's details.
 */
@Component
class ThrottledPasswordStep implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final PasswordAttempts attempts;

	private final SecurityLog securityLog;

	private final AccountRepository accounts;

	private final Clock clock;

	private final KnownDevices devices;

	private final DeviceCookies deviceCookies;

	ThrottledPasswordStep(AccountUserDetailsService users, AccountRepository accounts, PasswordEncoder encoder,
			PasswordAttempts attempts, SecurityLog securityLog, Clock clock, KnownDevices devices,
			DeviceCookies deviceCookies) {
		this.devices = devices;
		this.deviceCookies = deviceCookies;
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
		PasswordStepDetails details = PasswordStepDetails.from(authentication.getDetails());
		Origin origin = details.origin();
		// Looked up for every email, known or not, so that timing does not tell which.
		Optional<Long> accountId = EmailAddress.normalise(email).flatMap(this.accounts::findByEmail).map(Account::id);
		Optional<String> device = this.deviceCookies.trusted(details.deviceTokens(), accountId);
		PasswordAttempts.Gate gate = device.map(PasswordAttempts::ofDevice).orElseGet(() -> PasswordAttempts.ofEmail(email));
		Duration wait = this.attempts.begin(gate);
		if (!wait.isZero()) {
			this.securityLog.record(SecurityEvent.of(null, SecurityEvent.Type.SIGN_IN_THROTTLED, origin));
			throw new SignInThrottledException(wait);
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.attempts.reset(gate);
			long id = ((AccountUser) result.getPrincipal()).accountId();
			this.accounts.recordSignIn(id, this.clock.instant());
			this.devices.signedIn(id, this.clock.instant(), origin);
			this.securityLog.record(SecurityEvent.of(id, SecurityEvent.Type.SIGN_IN_PASSWORD_SUCCEEDED, origin));
			// The session keeps where it came from, not the device cookie's tokens.
			((AbstractAuthenticationToken) result).setDetails(origin);
			return result;
		}
		catch (BadCredentialsException ex) {
			Duration imposed = this.attempts.failed(gate);
			if (device.isPresent() && this.attempts.failures(gate) > PasswordAttempts.DEVICE_FAILURES) {
				// A stolen device cookie buys a few guesses, not a way round the email's gate.
				this.deviceCookies.forget(device.get());
			}
			// Shown in the owner's security log when the email is theirs; nothing is said to the client.
			this.securityLog.record(SecurityEvent.of(accountId.orElse(null), SecurityEvent.Type.SIGN_IN_PASSWORD_FAILED, origin));
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
