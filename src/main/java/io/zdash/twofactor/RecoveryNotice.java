package io.zdash.twofactor;

import io.zdash.account.AccountUser;
import io.zdash.support.ApiRequests;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.SessionFactors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * After a sign-in with a recovery code, every page reminds the person how many codes remain until
 * they visit the Security page, so that nobody silently runs out.
 */
@ControllerAdvice
class RecoveryNotice {

	private final RecoveryCodes recoveryCodes;

	RecoveryNotice(RecoveryCodes recoveryCodes) {
		this.recoveryCodes = recoveryCodes;
	}

	@ModelAttribute("recoveryCodesLeft")
	Integer recoveryCodesLeft(@AuthenticationPrincipal AccountUser user, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (user == null || session == null || ApiRequests.is(request) || session.getAttribute(SessionFactors.USED_RECOVERY_CODE) == null) {
			return null;
		}
		return this.recoveryCodes.remaining(user.accountId());
	}

}
