package io.zdash.audit;

import io.zdash.support.Origin;

/**
 * Something that happened to an account's security, recorded with {@link SecurityLog#record} by the
 * service where it happened.
 * @param accountId the account, or null when it is not known (an unknown email, say)
 * @param detail a short, non-secret note such as "remaining=9"
 * @param origin where the request that caused it came from
 */
public record SecurityEvent(Long accountId, Type type, String detail, Origin origin) {

	public enum Type {

		SIGN_IN_PASSWORD_SUCCEEDED, SIGN_IN_PASSWORD_FAILED, SIGN_IN_CODE_SUCCEEDED, SIGN_IN_CODE_FAILED,
		SIGN_IN_RECOVERY_CODE_SUCCEEDED, SIGN_IN_RECOVERY_CODE_FAILED, CODE_REPLAY_REFUSED, SIGN_IN_THROTTLED,
		AUTHENTICATOR_BLOCKED, TWO_FACTOR_ENABLED, TWO_FACTOR_DISABLED, RECOVERY_CODES_REGENERATED,
		TWO_FACTOR_RESET_BY_ADMIN, ACCOUNT_UNLOCKED_BY_ADMIN, ACCOUNT_DISABLED_BY_ADMIN, ACCOUNT_ENABLED_BY_ADMIN,
		PASSWORD_CHANGED, EMAIL_CHANGED, SESSION_REVOKED, NEW_DEVICE_SIGN_IN, SECOND_FACTOR_GUESSED, SETTING_CHANGED_BY_ADMIN,
		CLOCK_DRIFT_SUSPECTED, USED_CODE_TRIED_AGAIN, CHECK_UP_DONE, TRUSTED_DEVICE_ADDED, TRUSTED_DEVICE_USED,
		TRUSTED_DEVICE_FORGOTTEN, TRUSTED_DEVICE_REFUSED, EMAIL_VERIFIED, PASSWORD_RESET_REQUESTED, PASSWORD_RESET,
		TWO_FACTOR_REMINDER, LOST_DEVICE_RECOVERY_REQUESTED, LOST_DEVICE_RECOVERY_STARTED, LOST_DEVICE_RECOVERY_REMINDER,
		LOST_DEVICE_RECOVERY_CANCELLED, LOST_DEVICE_RECOVERY_APPROVED, TWO_FACTOR_REMOVED_AFTER_WAIT, PASSKEY_ADDED,
		PASSKEY_RENAMED, PASSKEY_REMOVED, SIGN_IN_KEY_SUCCEEDED, SIGN_IN_KEY_FAILED, SIGN_IN_PASSKEY_SUCCEEDED,
		SIGN_IN_PASSKEY_FAILED, KEY_COUNTER_WENT_BACK, AUTHENTICATOR_APP_ADDED, AUTHENTICATOR_APP_RENAMED,
		AUTHENTICATOR_APP_REMOVED, API_TOKEN_CREATED, API_TOKEN_REVOKED, API_TOKENS_REVOKED, API_TOKEN_USED,
		INSTANCE_TOKEN_REVEALED_BY_API, INSTANCE_TOKEN_ROTATED_BY_API

	}

	public SecurityEvent {
		origin = (origin != null) ? origin : Origin.NONE;
	}

	public SecurityEvent(Long accountId, Type type, String detail) {
		this(accountId, type, detail, Origin.NONE);
	}

	public static SecurityEvent of(Long accountId, Type type) {
		return new SecurityEvent(accountId, type, null, Origin.NONE);
	}

	public static SecurityEvent of(Long accountId, Type type, Origin origin) {
		return new SecurityEvent(accountId, type, null, origin);
	}

}
