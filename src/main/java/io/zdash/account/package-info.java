/**
 * Accounts: sign-up with an email and a password, the password policy (length in code points,
 * no composition rules, guessable passwords refused), Argon2id hashing behind a delegating encoder
 * so that parameters can be raised later, the password step (a Spring Security provider behind the
 * password's attempt gate) and the password re-check of step-up, the account's sessions, and
 * changing the password or the email (confirmed by a single-use link mailed to the new address,
 * through the {@link io.zdash.account.EmailChangeMail} port). Owns {@code account},
 * {@code known_device} and {@code email_change}; other features read accounts through
 * {@link io.zdash.account.AccountDirectory} and refer to one only by its id, read from the signed-in
 * {@link io.zdash.account.AccountUser}.
 */
package io.zdash.account;
