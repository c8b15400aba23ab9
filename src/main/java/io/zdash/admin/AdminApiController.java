package io.zdash.admin;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zdash.account.AccountDirectory;
import io.zdash.signin.Access;
import io.zdash.support.ApiPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The administrator's list of accounts in the JSON API, read only, as the admin page shows it. */
@RestController
@Tag(name = "Administration", description = "For administrators: the installation's accounts.")
class AdminApiController {

	@Schema(name = "AccountSummary")
	record AccountView(@Schema(example = "42") long id, @Schema(example = "ana@example.com") String email,
			boolean admin, @Schema(nullable = true) Instant disabledAt, @Schema(nullable = true) Instant lastSignInAt,
			@Schema(description = "Whether the account has a second factor", example = "true") boolean twoFactor,
			@Schema(nullable = true) Instant twoFactorSince,
			@Schema(description = "Wrong codes or passwords have paused or blocked its sign-in") boolean paused) {
	}

	private final AccountOverview overview;

	private final AccountDirectory accounts;

	AdminApiController(AccountOverview overview, AccountDirectory accounts) {
		this.overview = overview;
		this.accounts = accounts;
	}

	@GetMapping(path = "/api/v1/admin/accounts", produces = "application/json")
	@Access(value = Access.Level.ADMIN, scope = "admin:read")
	@Operation(operationId = "listAccounts", summary = "Accounts and their two-factor state", description = "In the order they were created, "
			+ AccountOverview.PAGE_SIZE + " per page. Needs an administrator's account (a token: also admin:read).")
	ApiPage<AccountView> accounts(@RequestParam(defaultValue = "1") int page) {
		ApiPage.check(page, AccountOverview.PAGE_SIZE);
		var rows = this.overview.page(page - 1).stream()
			.map(r -> new AccountView(r.id(), r.email(), r.admin(), r.disabledAt(), r.lastSignInAt(),
					r.twoFactorSince() != null, r.twoFactorSince(), r.paused()))
			.toList();
		return new ApiPage<>(rows, page, AccountOverview.PAGE_SIZE,
				(long) page * AccountOverview.PAGE_SIZE < this.accounts.count());
	}

}
