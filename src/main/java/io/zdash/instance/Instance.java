package io.zdash.instance;

import java.time.Instant;

/** An API instance. {@code token} is a credential: shown masked unless its owner reveals it. */
public record Instance(String id, String name, String token, Instant createdAt) {

	public String maskedToken() {
		return "•".repeat(12) + this.token.substring(this.token.length() - 4);
	}

	@Override
	public String toString() {
		return "Instance[id=" + this.id + "]";
	}

}
