/**
 * Accounts: sign-up with an email and a password, the password policy (length in code points,
 * no composition rules, guessable passwords refused), Argon2id hashing behind a delegating encoder
 * so that parameters can be raised later, the lookup that Spring Security's password step uses, and
 * changing the password or the email (confirmed by a single-use link mailed to the new address).
 * Other features refer to an account only by its id, read from the signed-in {@link io.zdash.account.AccountUser}.
 */
package io.zdash.account;
