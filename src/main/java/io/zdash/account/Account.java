package io.zdash.account;

import java.time.Instant;

/** A person's account. The password hash never leaves this package. */
record Account(long id, String email, String passwordHash, Instant createdAt, int sessionEpoch, String role,
		Instant disabledAt, Instant lastSignInAt, Instant emailVerifiedAt) {

	@Override
	public String toString() {
		return "Account[id=" + this.id + "]";
	}

}
