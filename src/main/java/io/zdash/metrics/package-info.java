/**
 * Operations metrics (Prometheus at {@code /actuator/prometheus}): sign-in outcomes per factor,
 * throttled attempts, replays refused, enrollments and recovery codes used, counted from the same
 * security events the log records, so the two never disagree. Password hashing is timed where it
 * happens, in the account feature.
 */
package io.zdash.metrics;
