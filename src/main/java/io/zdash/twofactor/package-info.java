/**
 * Two-factor authentication with time-based one-time codes (RFC 6238): the code generator and
 * verifier, the key URI and QR code, enrollment from the Security page, the second sign-in step,
 * and turning 2FA off. A code is accepted once: the replay ledger is advanced by one conditional
 * UPDATE, so the rule holds across threads and nodes.
 */
package io.zdash.twofactor;
