/**
 * The security log: every sign-in outcome per factor, throttling, replay refused and 2FA change is
 * recorded by the service where it happened, with {@link io.zdash.audit.SecurityLog#record}, in that
 * service's transaction, with the request's {@link io.zdash.support.Origin} (address and user agent)
 * passed in; the log then publishes the event to its observers (metrics, email). No event ever
 * carries a secret, a code or a password. Owns {@code security_event}; depends on no feature.
 */
package io.zdash.audit;
