package io.zdash.lostdevice;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.zdash.account.AccountUser;
import io.zdash.support.ApiRequests;
import io.zdash.signin.Factors;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * While a removal of the account's second factors runs, every page of every signed-in session of
 * the account says so, with "Cancel it" (the layout shows it).
 */
@ControllerAdvice
class LostDeviceBanner {

	private final LostDeviceRecoveries recoveries;

	LostDeviceBanner(LostDeviceRecoveries recoveries) {
		this.recoveries = recoveries;
	}

	@ModelAttribute("lostDeviceRecovery")
	LostDeviceRecoveries.Running recovery(Authentication authentication, HttpServletRequest request) {
		if (!Factors.isComplete(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)
				|| request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null || ApiRequests.is(request)) {
			return null;
		}
		try {
			return this.recoveries.running(user.accountId()).orElse(null);
		}
		catch (DataAccessException unavailable) {
			return null;
		}
	}

}
