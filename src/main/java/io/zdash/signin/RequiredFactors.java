package io.zdash.signin;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The rule of which factors an account needs: the password always; a second factor when it has
 * one (any {@link SecondFactor}), or when an administrator requires 2FA of everyone (then it must
 * enroll first). Applied once, at the password step, as marker authorities that the rules read.
 */
@Component
public class RequiredFactors {

	private final List<SecondFactor> secondFactors;

	private final TwoFactorPolicy policy;

	RequiredFactors(List<SecondFactor> secondFactors, TwoFactorPolicy policy) {
		this.secondFactors = secondFactors;
		this.policy = policy;
	}

	public boolean hasSecondFactor(long accountId) {
		return this.secondFactors.stream().anyMatch(factor -> factor.isEnrolled(accountId));
	}

	/** Whether a factor of the account must be typed at its next sign-in (a trusted device does not do). */
	public boolean mustBeProvenAtNextSignIn(long accountId) {
		return this.secondFactors.stream().anyMatch(factor -> factor.mustBeProvenAtNextSignIn(accountId));
	}

	/** The markers the password step adds to the account's authorities. */
	public List<GrantedAuthority> markersFor(long accountId) {
		if (hasSecondFactor(accountId)) {
			return List.of(new SimpleGrantedAuthority(Factors.TOTP_ENROLLED));
		}
		if (this.policy.requiredForEveryone()) {
			return List.of(new SimpleGrantedAuthority(Factors.TOTP_REQUIRED));
		}
		return List.of();
	}

}
