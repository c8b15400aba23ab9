/**
 * Personal access tokens for the JSON API: created on the Security page (after a re-check), shown
 * once, kept only as a SHA-256 hash, listed, revoked one at a time or all at once; and the bearer
 * check of each API request (one indexed lookup, no password hash) with its per-token rate. Owns
 * {@code access_token}. Tokens die with the password, a 2FA reset or removal and a disabled account,
 * told through the account's {@link io.zdash.account.CredentialRevocation} port.
 */
package io.zdash.apitoken;
