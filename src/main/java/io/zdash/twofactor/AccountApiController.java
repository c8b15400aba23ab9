package io.zdash.twofactor;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zdash.account.AccountUser;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.passkey.Passkeys;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.Access;
import io.zdash.signin.TwoFactorPolicy;
import io.zdash.support.ApiPage;
import io.zdash.support.ApiProblem;
import io.zdash.support.UtcDay;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Security page's facts in the JSON API, read only: the account's two-factor state with its
 * factors (names and dates, never a secret, a key or a code) and its own security log.
 */
@RestController
@RequestMapping(path = "/api/v1/account", produces = "application/json")
@Tag(name = "Account", description = "Your account's two-factor state and security log.")
class AccountApiController {

	@Schema(name = "TwoFactor")
	record TwoFactorView(@Schema(example = "true") boolean enabled,
			@Schema(example = "2026-11-02T10:00:00Z", nullable = true) Instant enabledSince,
			@Schema(description = "Whether an administrator requires 2FA of every account", example = "false") boolean required,
			List<AppView> apps, List<KeyView> keys, @Schema(example = "10") int recoveryCodesLeft) {
	}

	@Schema(name = "AuthenticatorApp")
	record AppView(@Schema(example = "4") long id, @Schema(example = "Work phone") String name, Instant addedAt,
			@Schema(nullable = true) Instant lastUsedAt) {
	}

	@Schema(name = "PasskeyOrSecurityKey")
	record KeyView(@Schema(example = "7") long id, @Schema(example = "YubiKey 5") String name, Instant addedAt,
			@Schema(nullable = true) Instant lastUsedAt,
			@Schema(description = "The authenticator may copy it to the person's other devices") boolean synced,
			@Schema(description = "Signs in on its own (it verifies its user), not only as a second factor") boolean signsInWithoutPassword) {
	}

	@Schema(name = "SecurityEvent")
	record EventView(Instant occurredAt, @Schema(example = "SIGN_IN_CODE_SUCCEEDED") String type,
			@Schema(nullable = true, example = "remaining=9") String detail,
			@Schema(nullable = true, example = "203.0.113.7") String clientAddress,
			@Schema(nullable = true) String userAgent) {
	}

	private final TwoFactorService twoFactor;

	private final AuthenticatorApps apps;

	private final Passkeys passkeys;

	private final RecoveryCodes recoveryCodes;

	private final TwoFactorPolicy policy;

	private final SecurityEvents events;

	AccountApiController(TwoFactorService twoFactor, AuthenticatorApps apps, Passkeys passkeys,
			RecoveryCodes recoveryCodes, TwoFactorPolicy policy, SecurityEvents events) {
		this.twoFactor = twoFactor;
		this.apps = apps;
		this.passkeys = passkeys;
		this.recoveryCodes = recoveryCodes;
		this.policy = policy;
		this.events = events;
	}

	@GetMapping("/two-factor")
	@Access(value = Access.Level.SIGNED_IN, scope = "security:read")
	@Operation(operationId = "getTwoFactor", summary = "Your two-factor state and factors", description = "Names and dates only: never a secret.")
	TwoFactorView twoFactor(@AuthenticationPrincipal AccountUser user) {
		long id = user.accountId();
		Instant since = this.twoFactor.enabledSince(id).orElse(null);
		return new TwoFactorView(since != null, since, this.policy.requiredForEveryone(),
				this.apps.of(id).stream().map(a -> new AppView(a.id(), a.name(), a.addedAt(), a.lastUsedAt())).toList(),
				this.passkeys.of(id).stream()
					.map(k -> new KeyView(k.id(), k.label(), k.addedAt(), k.lastUsedAt(), k.synced(), k.passkey()))
					.toList(),
				(since != null) ? this.recoveryCodes.remaining(id) : 0);
	}

	@GetMapping("/security-log")
	@Access(value = Access.Level.SIGNED_IN, scope = "security:read")
	@Operation(operationId = "listSecurityEvents", summary = "Your security log", description = "Newest first, 20 per page; "
			+ "filters as on the administrator's log: an event type, and days from/to (yyyy-MM-dd, UTC, both included).")
	ApiPage<EventView> securityLog(@RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) @Schema(example = "SIGN_IN_CODE_FAILED") String type,
			@RequestParam(required = false) @Schema(example = "2026-12-01") String from,
			@RequestParam(required = false) @Schema(example = "2026-12-31") String to,
			@AuthenticationPrincipal AccountUser user) {
		ApiPage.check(page, SecurityEvents.PAGE_SIZE);
		if (type != null && Arrays.stream(SecurityEvent.Type.values()).noneMatch(t -> t.name().equals(type))) {
			throw ApiProblem.invalid("type", "one of the event types of the API description");
		}
		Instant since = (from != null) ? UtcDay.parse(from).orElseThrow(() -> ApiProblem.invalid("from", "a date, yyyy-MM-dd"))
				: null;
		Instant until = (to != null) ? UtcDay.parse(to).orElseThrow(() -> ApiProblem.invalid("to", "a date, yyyy-MM-dd"))
			.plusSeconds(86_400) : null;
		SecurityEvents.Page found = this.events.search(user.accountId(), type, since, until, page - 1);
		return new ApiPage<>(found.entries().stream()
			.map(e -> new EventView(e.occurredAt(), e.type(), e.detail(), e.clientAddress(), e.userAgent()))
			.toList(), page, SecurityEvents.PAGE_SIZE, found.hasOlder());
	}

}
