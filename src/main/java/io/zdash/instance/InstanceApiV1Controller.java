package io.zdash.instance;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zdash.account.AccountUser;
import io.zdash.signin.Access;
import io.zdash.signin.Factors;
import io.zdash.support.ApiPage;
import io.zdash.support.ApiProblem;
import io.zdash.support.Origin;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's instances in the JSON API: what the dashboard does, for scripts. The same rules as
 * the pages ({@link InstanceService}); another account's instance is a 404, never a 403. Reading
 * and replacing an instance's token need {@code instances:write} and are logged and emailed, since
 * a token cannot be asked for a re-check.
 */
@RestController
@RequestMapping(path = "/api/v1/instances", produces = "application/json")
@Tag(name = "Instances", description = "Your WhatsApp API instances, each with an id and an API token.")
class InstanceApiV1Controller {

	@Schema(name = "Instance")
	record InstanceView(@Schema(example = "3C1F0A9D5B7E42C6A1D8F00B2E4C6A81") String id,
			@Schema(example = "Support line") String name, @Schema(example = "2026-12-01T09:30:00Z") Instant createdAt) {

		static InstanceView of(Instance instance) {
			return new InstanceView(instance.id(), instance.name(), instance.createdAt());
		}

	}

	@Schema(name = "InstanceName")
	record NameBody(@Schema(description = "1 to 60 printable characters", example = "Support line",
			requiredMode = Schema.RequiredMode.REQUIRED) String name) {
	}

	@Schema(name = "InstanceToken")
	record TokenView(@Schema(example = "3C1F0A9D5B7E42C6A1D8F00B2E4C6A81") String id,
			@Schema(example = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822C") String token) {
	}

	private final InstanceService instances;

	private final InstanceTokenUse tokenUse;

	InstanceApiV1Controller(InstanceService instances, InstanceTokenUse tokenUse) {
		this.instances = instances;
		this.tokenUse = tokenUse;
	}

	@GetMapping
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:read")
	@Operation(operationId = "listInstances", summary = "List your instances", description = "Oldest first, `size` per page (1 to 100).")
	ApiPage<InstanceView> list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size,
			@AuthenticationPrincipal AccountUser user) {
		ApiPage.check(page, size);
		InstanceService.Page found = this.instances.page(user.accountId(), page - 1, size);
		return new ApiPage<>(found.items().stream().map(InstanceView::of).toList(), page, size,
				(long) page * size < found.total());
	}

	@GetMapping("/{id}")
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:read")
	@Operation(operationId = "getInstance", summary = "Get one instance")
	InstanceView get(@PathVariable String id, @AuthenticationPrincipal AccountUser user) {
		return this.instances.find(user.accountId(), id).map(InstanceView::of).orElseThrow(InstanceApiV1Controller::notFound);
	}

	@PostMapping(consumes = "application/json")
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:write")
	@Operation(operationId = "createInstance", summary = "Create an instance", description = "At most 100 per account.")
	@ApiResponse(responseCode = "201", description = "Created; `Location` is its URL")
	@ApiResponse(responseCode = "409", description = "The account has 100 instances already (`instance-limit`).", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<InstanceView> create(@RequestBody NameBody body, @AuthenticationPrincipal AccountUser user) {
		InstanceService.Created created = this.instances.createInstance(user.accountId(), body.name());
		if ("instance.error.limit".equals(created.problem())) {
			throw ApiProblem.conflict("instance-limit", "This account has 100 instances, the most it can have.");
		}
		if (created.problem() != null) {
			throw invalidName();
		}
		InstanceView view = InstanceView.of(created.instance());
		return ResponseEntity.created(URI.create("/api/v1/instances/" + view.id())).body(view);
	}

	@PatchMapping(path = "/{id}", consumes = "application/json")
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:write")
	@Operation(operationId = "renameInstance", summary = "Rename an instance")
	InstanceView rename(@PathVariable String id, @RequestBody NameBody body, @AuthenticationPrincipal AccountUser user) {
		if (InstanceService.cleanName(body.name()).isEmpty()) {
			throw invalidName();
		}
		if (this.instances.rename(user.accountId(), id, body.name()).isPresent()) {
			throw notFound();
		}
		return get(id, user);
	}

	@DeleteMapping("/{id}")
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:write")
	@Operation(operationId = "deleteInstance", summary = "Delete an instance", description = "Its token stops working at once.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal AccountUser user) {
		if (!this.instances.delete(user.accountId(), id)) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/token")
	@Access(value = Access.Level.STEP_UP, scope = "instances:write")
	@Operation(operationId = "readInstanceToken", summary = "Read an instance's token",
			description = "Logged and emailed to you. A browser session needs a fresh re-check, as on the dashboard.")
	ResponseEntity<TokenView> reveal(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Origin origin,
			Authentication caller) {
		Instance instance = this.instances.find(user.accountId(), id).orElseThrow(InstanceApiV1Controller::notFound);
		this.tokenUse.revealed(user.accountId(), instance.id(), via(caller), origin);
		return secret(new TokenView(instance.id(), instance.token()));
	}

	@PostMapping("/{id}/token/rotate")
	@Access(value = Access.Level.STEP_UP, scope = "instances:write")
	@Operation(operationId = "rotateInstanceToken", summary = "Replace an instance's token",
			description = "The old token stops working at once. Logged and emailed to you; answers the new token.")
	ResponseEntity<TokenView> rotate(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Origin origin,
			Authentication caller) {
		if (!this.tokenUse.rotate(user.accountId(), id, via(caller), origin)) {
			throw notFound();
		}
		Instance instance = this.instances.find(user.accountId(), id).orElseThrow(InstanceApiV1Controller::notFound);
		return secret(new TokenView(instance.id(), instance.token()));
	}

	/** Who asked, for the security log: the token's id, or a browser session. */
	private static String via(Authentication caller) {
		return Factors.withToken(caller) ? String.valueOf(caller.getDetails()) : "session";
	}

	private static ResponseEntity<TokenView> secret(TokenView view) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
	}

	private static ApiProblem notFound() {
		return ApiProblem.notFound("instance");
	}

	private static ApiProblem invalidName() {
		return ApiProblem.invalid("name", "1 to " + InstanceService.MAX_NAME_LENGTH + " printable characters");
	}

}
