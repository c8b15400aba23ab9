package io.zdash.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import io.zdash.account.EmailAddress;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.support.PageNumber;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The whole security log for administrators, filtered by account, event type and dates (UTC). */
@Controller
class AdminEventsController {

	private final SecurityEvents events;

	AdminEventsController(SecurityEvents events) {
		this.events = events;
	}

	@GetMapping("/admin/events")
	String events(@RequestParam(required = false) String account, @RequestParam(required = false) String type,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") String page, Model model) {
		String email = (account == null || account.isBlank()) ? null : EmailAddress.normalise(account).orElse("");
		String eventType = Arrays.stream(SecurityEvent.Type.values()).map(Enum::name).filter(t -> t.equals(type))
			.findFirst().orElse(null);
		Instant since = day(from);
		Instant until = (day(to) != null) ? day(to).plusSeconds(86_400) : null;
		int number = PageNumber.parse(page);
		model.addAttribute("events", this.events.search(email, eventType, since, until, number));
		model.addAttribute("types", SecurityEvent.Type.values());
		model.addAttribute("account", (account != null && account.length() <= 254) ? account : "");
		model.addAttribute("type", eventType);
		model.addAttribute("from", (since != null) ? from : "");
		model.addAttribute("to", (until != null) ? to : "");
		return "admin/events";
	}

	/** A yyyy-MM-dd date as the start of that day in UTC; anything else is no filter. */
	private static Instant day(String text) {
		if (text == null || text.length() != 10) {
			return null;
		}
		try {
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
