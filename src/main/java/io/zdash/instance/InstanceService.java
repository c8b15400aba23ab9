package io.zdash.instance;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.zdash.support.RandomText;

import org.springframework.stereotype.Service;

/** Instance rules: names of 1 to 60 printable characters, at most 100 instances per account. */
@Service
class InstanceService {

	static final int MAX_NAME_LENGTH = 60;

	static final int MAX_INSTANCES = 100;

	private final InstanceRepository instances;

	private final InstanceTokens tokens;

	private final Clock clock;

	InstanceService(InstanceRepository instances, InstanceTokens tokens, Clock clock) {
		this.instances = instances;
		this.tokens = tokens;
		this.clock = clock;
	}

	List<Instance> list(long accountId) {
		return this.instances.findAll(accountId).stream().map(this::toInstance).toList();
	}

	/** One page of the account's instances (0 first) and how many it has in all. */
	record Page(List<Instance> items, int total) {
	}

	Page page(long accountId, int page, int size) {
		return new Page(this.instances.page(accountId, page * size, size).stream().map(this::toInstance).toList(),
				this.instances.count(accountId));
	}

	Optional<Instance> find(long accountId, String id) {
		return (id == null || id.length() > 32) ? Optional.empty() : this.instances.find(accountId, id).map(this::toInstance);
	}

	private Instance toInstance(InstanceRepository.Row row) {
		return new Instance(row.id(), row.name(), this.tokens.of(row), row.createdAt());
	}

	/** @return the message key of the problem, or empty on success */
	Optional<String> create(long accountId, String typedName) {
		Created created = createInstance(accountId, typedName);
		return Optional.ofNullable(created.problem());
	}

	/** The new instance, or the message key of why there is none. */
	record Created(Instance instance, String problem) {
	}

	Created createInstance(long accountId, String typedName) {
		Optional<String> name = cleanName(typedName);
		if (name.isEmpty()) {
			return new Created(null, "instance.error.name");
		}
		if (this.instances.count(accountId) >= MAX_INSTANCES) {
			return new Created(null, "instance.error.limit");
		}
		// 16 random bytes for the id (like Z-API's 32 hex digits) and 24 for the token.
		String id = RandomText.hex(16);
		String token = RandomText.hex(24);
		java.time.Instant now = this.clock.instant();
		this.instances.insert(accountId, id, name.get(), this.tokens.seal(id, token), now);
		return new Created(new Instance(id, name.get(), token, now), null);
	}

	Optional<String> rename(long accountId, String id, String typedName) {
		Optional<String> name = cleanName(typedName);
		if (name.isEmpty()) {
			return Optional.of("instance.error.name");
		}
		return (id != null && id.length() <= 32 && this.instances.rename(accountId, id, name.get())) ? Optional.empty()
				: Optional.of("instance.error.notFound");
	}

	/** A new random token; the old one stops working at once. */
	boolean rotateToken(long accountId, String id) {
		return id != null && id.length() <= 32
				&& this.instances.replaceToken(accountId, id, this.tokens.seal(id, RandomText.hex(24)));
	}

	boolean delete(long accountId, String id) {
		return id != null && id.length() <= 32 && this.instances.delete(accountId, id);
	}

	static Optional<String> cleanName(String typed) {
		if (typed == null || typed.length() > 4 * MAX_NAME_LENGTH) {
			return Optional.empty();
		}
		String name = typed.strip();
		int length = name.codePointCount(0, name.length());
		if (length == 0 || length > MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		return Optional.of(name);
	}

}
