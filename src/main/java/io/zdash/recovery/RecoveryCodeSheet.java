package io.zdash.recovery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.zdash.account.TwoFactorIssuer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Puts freshly issued codes on a page: the list, a heading that says whose codes they are, for which
 * site and from when (printed and in the download, so a sheet found in a drawer months later still
 * makes sense), and the same as a .txt download. The download is a data URI built here, so the codes
 * never travel in a second request and are never stored.
 */
@Component
public class RecoveryCodeSheet {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private final MessageSource messages;

	private final Clock clock;

	private final String site;

	private final TwoFactorIssuer issuer;

	RecoveryCodeSheet(MessageSource messages, Clock clock, @Value("${zdash.base-url:http://localhost:8080}") String site,
			TwoFactorIssuer issuer) {
		this.issuer = issuer;
		this.messages = messages;
		this.clock = clock;
		this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
	}

	public void addTo(Model model, List<RecoveryCode> codes, String email, Locale locale) {
		String heading = this.messages.getMessage("codes.file.heading",
				new Object[] { email, this.site, DAY.format(this.clock.instant()), this.issuer.name() }, locale);
		List<String> grouped = codes.stream().map(RecoveryCode::grouped).toList();
		String text = heading + "\n\n" + String.join("\n", grouped) + "\n";
		model.addAttribute("codes", grouped);
		model.addAttribute("codesHeading", heading);
		model.addAttribute("codesText", String.join("\n", grouped));
		model.addAttribute("codesDownload",
				"data:text/plain;charset=utf-8," + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
	}

}
