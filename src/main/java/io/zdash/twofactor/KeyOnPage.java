package io.zdash.twofactor;

import java.time.Clock;
import java.util.Locale;

import io.zdash.account.AccountUser;
import io.zdash.account.TwoFactorIssuer;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * A key being set up, as a page shows it: the QR code for the app to scan, the same key in groups
 * of four for typing, and the server's time to compare with the phone's. Shared by the first app
 * (turning 2FA on) and any further one.
 */
@Component
class KeyOnPage {

	private final TwoFactorIssuer issuer;

	private final MessageSource messages;

	private final Clock clock;

	KeyOnPage(TwoFactorIssuer issuer, MessageSource messages, Clock clock) {
		this.issuer = issuer;
		this.messages = messages;
		this.clock = clock;
	}

	void addTo(Model model, AccountUser user, String base32Secret, Locale locale) {
		OtpAuthUri uri = new OtpAuthUri(this.issuer.name(), user.getUsername(), base32Secret);
		model.addAttribute("qrSvg", QrCodeSvg.render(uri.value(), this.messages.getMessage("setup.qr.label", null, locale)));
		model.addAttribute("groupedSecret", String.join(" ", base32Secret.split("(?<=\\G.{4})")));
		model.addAttribute("issuer", this.issuer.name());
		model.addAttribute("email", user.getUsername());
		// To compare with the phone: codes match only when both clocks agree to within 30 seconds.
		model.addAttribute("serverTime", this.clock.instant());
	}

}
