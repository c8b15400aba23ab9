package io.zdash.instance;

import java.time.Instant;
import java.util.List;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in account's instances as JSON (tokens are not listed). */
@RestController
class InstanceApiController {

	record InstanceView(String id, String name, Instant createdAt) {
	}

	private final InstanceService instances;

	InstanceApiController(InstanceService instances) {
		this.instances = instances;
	}

	@GetMapping("/api/instances")
	@Access(Access.Level.SIGNED_IN)
	List<InstanceView> list(@AuthenticationPrincipal AccountUser user) {
		return this.instances.list(user.accountId())
			.stream()
			.map(i -> new InstanceView(i.id(), i.name(), i.createdAt()))
			.toList();
	}

}
