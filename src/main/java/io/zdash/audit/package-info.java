/**
 * The security log: every sign-in outcome per factor, throttling, replay refused and 2FA change is
 * published by its feature as a {@link io.zdash.audit.SecurityEvent} and stored here with time,
 * client address and user agent. No event ever carries a secret, a code or a password.
 */
package io.zdash.audit;
