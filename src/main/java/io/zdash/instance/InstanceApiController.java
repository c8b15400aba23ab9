package io.zdash.instance;

import java.time.Instant;
import java.util.List;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first API, kept for the scripts that use it: the signed-in account's instances as JSON
 * (tokens are not listed). Deprecated: {@code GET /api/v1/instances} pages the same list.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Instances")
class InstanceApiController {

	record InstanceView(String id, String name, Instant createdAt) {
	}

	private final InstanceService instances;

	InstanceApiController(InstanceService instances) {
		this.instances = instances;
	}

	@GetMapping(path = "/api/instances", produces = "application/json")
	@Access(value = Access.Level.SIGNED_IN, scope = "instances:read")
	@io.swagger.v3.oas.annotations.Operation(operationId = "listInstancesUnpaged", summary = "List all your instances (deprecated)", deprecated = true,
			description = "Unpaged. Use GET /api/v1/instances instead.")
	List<InstanceView> list(@AuthenticationPrincipal AccountUser user, jakarta.servlet.http.HttpServletResponse response) {
		// RFC 9745's header, and where the successor is.
		response.setHeader("Deprecation", "@1796083200");
		response.setHeader("Link", "</api/v1/instances>; rel=\"successor-version\"");
		return this.instances.list(user.accountId())
			.stream()
			.map(i -> new InstanceView(i.id(), i.name(), i.createdAt()))
			.toList();
	}

}
