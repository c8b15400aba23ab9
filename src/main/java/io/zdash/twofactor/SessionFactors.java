package io.zdash.twofactor;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.SignInFactors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Changes the factors of the current session's authentication: granting the one-time-code factor
 * after the second step, or marking 2FA on/off after enrollment or removal. Granting a factor gets a
 * new session id, so an id seen before the step (a planted or leaked cookie) is dead after it.
 */
@Component
class SessionFactors {

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final Clock clock;

	SessionFactors(Clock clock) {
		this.clock = clock;
	}

	/** The second step succeeded. */
	void grantCode(HttpServletRequest request, HttpServletResponse response) {
		update(request, response, authorities -> {
			authorities.removeIf(a -> SignInFactors.TOTP.equals(a.getAuthority()));
			authorities.add(FactorGrantedAuthority.withAuthority(SignInFactors.TOTP).issuedAt(this.clock.instant()).build());
		});
		request.changeSessionId();
	}

	/** The password was entered again (step-up without 2FA): a fresh password factor. */
	void grantPassword(HttpServletRequest request, HttpServletResponse response) {
		update(request, response, authorities -> {
			authorities.removeIf(a -> SignInFactors.PASSWORD.equals(a.getAuthority()));
			authorities.add(FactorGrantedAuthority.withAuthority(SignInFactors.PASSWORD).issuedAt(this.clock.instant()).build());
		});
		request.changeSessionId();
	}

	/** 2FA was just turned on with a code from the app: this session has proved both factors. */
	void markEnrolled(HttpServletRequest request, HttpServletResponse response) {
		grantCode(request, response);
		update(request, response, authorities -> {
			authorities.removeIf(a -> SignInFactors.TOTP_REQUIRED.equals(a.getAuthority()));
			authorities.add(new SimpleGrantedAuthority(SignInFactors.TOTP_ENROLLED));
		});
	}

	void markNotEnrolled(HttpServletRequest request, HttpServletResponse response) {
		update(request, response, authorities -> authorities.removeIf(a -> SignInFactors.TOTP_ENROLLED.equals(a.getAuthority())
				|| SignInFactors.TOTP.equals(a.getAuthority())));
	}

	private void update(HttpServletRequest request, HttpServletResponse response,
			Consumer<Collection<GrantedAuthority>> change) {
		Authentication current = this.holder.getContext().getAuthentication();
		Authentication updated = current.toBuilder().authorities(change).build();
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(updated);
		this.holder.setContext(context);
		this.repository.saveContext(context, request, response);
	}

}
