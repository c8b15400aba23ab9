/**
 * Two-factor authentication with time-based one-time codes (RFC 6238): the code generator and
 * verifier, the key URI and QR code, enrollment from the Security page, the provider that proves
 * {@code FACTOR_TOTP} at the second step and at step-up (an app code or a recovery code, behind the
 * second factor's attempt gate), and turning 2FA off. A code is accepted once: the replay ledger is
 * advanced by one conditional UPDATE, so the rule holds across threads and nodes. Owns
 * {@code totp_enrollment} and {@code totp_credential}.
 */
package io.zdash.twofactor;
