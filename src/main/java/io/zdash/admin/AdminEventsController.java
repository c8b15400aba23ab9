package io.zdash.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.zdash.account.AccountDirectory;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.signin.Access;
import io.zdash.support.PageNumber;
import io.zdash.support.UtcDay;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The whole security log for administrators, filtered by account, event type and dates (UTC). */
@Controller
@Access(Access.Level.ADMIN)
class AdminEventsController {

	/**
	 * The filters as typed. A type or date that cannot be one (too long) is dropped by validation,
	 * as one that is not a known type or a yyyy-MM-dd date is: it filters nothing out.
	 */
	record EventFilter(String account, @Size(max = 40) String type, @Size(max = 10) String from,
			@Size(max = 10) String to, String page) {

		EventFilter valid(BindingResult binding) {
			return new EventFilter(this.account, binding.hasFieldErrors("type") ? null : this.type,
					binding.hasFieldErrors("from") ? null : this.from, binding.hasFieldErrors("to") ? null : this.to,
					this.page);
		}

	}

	/** One row of the whole log, with the email of its account when it has one. */
	record Row(Instant occurredAt, String type, String detail, String clientAddress, String userAgent, String email) {
	}

	/** A page of rows and whether an older page exists. */
	record RowPage(List<Row> entries, int number, boolean hasOlder) {
	}

	private final SecurityEvents events;

	private final AccountDirectory accounts;

	AdminEventsController(SecurityEvents events, AccountDirectory accounts) {
		this.events = events;
		this.accounts = accounts;
	}

	@GetMapping("/admin/events")
	String events(@Valid @ModelAttribute("filter") EventFilter typed, BindingResult binding, Model model) {
		EventFilter filter = typed.valid(binding);
		String account = filter.account();
		boolean byAccount = account != null && !account.isBlank();
		Optional<Long> accountId = byAccount ? this.accounts.idOf(account) : Optional.empty();
		String eventType = Arrays.stream(SecurityEvent.Type.values()).map(Enum::name).filter(t -> t.equals(filter.type()))
			.findFirst().orElse(null);
		Instant since = day(filter.from());
		Instant until = (day(filter.to()) != null) ? day(filter.to()).plusSeconds(86_400) : null;
		int number = PageNumber.parse((filter.page() != null) ? filter.page() : "0");
		SecurityEvents.Page page = (byAccount && accountId.isEmpty())
				? new SecurityEvents.Page(List.of(), Math.max(0, Math.min(number, 10_000)), false)
				: this.events.search(accountId.orElse(null), eventType, since, until, number);
		model.addAttribute("events", withEmails(page));
		model.addAttribute("types", SecurityEvent.Type.values());
		model.addAttribute("account", (account != null && account.length() <= 254) ? account : "");
		model.addAttribute("type", eventType);
		model.addAttribute("from", (since != null) ? filter.from() : "");
		model.addAttribute("to", (until != null) ? filter.to() : "");
		return "admin/events";
	}

	private RowPage withEmails(SecurityEvents.Page page) {
		Map<Long, String> emails = this.accounts.emailsOf(page.entries().stream().map(SecurityEvents.Entry::accountId)
			.filter(Objects::nonNull).distinct().toList());
		return new RowPage(page.entries().stream().map(e -> new Row(e.occurredAt(), e.type(), e.detail(), e.clientAddress(),
				e.userAgent(), emails.get(e.accountId()))).toList(), page.number(), page.hasOlder());
	}

	/** A yyyy-MM-dd date as the start of that day in UTC; anything else is no filter. */
	private static Instant day(String text) {
		return UtcDay.parse(text).orElse(null);
	}

}
