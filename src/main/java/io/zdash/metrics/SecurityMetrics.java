package io.zdash.metrics;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvent.Type;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts security events as Prometheus counters with bounded tags (never an account or address). */
@Component
class SecurityMetrics {

	/** A counter name and its tags (name, value pairs). */
	private record Meter(String name, String... tags) {
	}

	private static final Map<Type, Meter> METERS = Map.ofEntries(
			Map.entry(Type.SIGN_IN_PASSWORD_SUCCEEDED, new Meter("zdash.sign.in", "factor", "password", "outcome", "success")),
			Map.entry(Type.SIGN_IN_PASSWORD_FAILED, new Meter("zdash.sign.in", "factor", "password", "outcome", "failure")),
			Map.entry(Type.SIGN_IN_CODE_SUCCEEDED, new Meter("zdash.sign.in", "factor", "totp", "outcome", "success")),
			Map.entry(Type.SIGN_IN_CODE_FAILED, new Meter("zdash.sign.in", "factor", "totp", "outcome", "failure")),
			Map.entry(Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED,
					new Meter("zdash.sign.in", "factor", "recovery", "outcome", "success")),
			Map.entry(Type.SIGN_IN_RECOVERY_CODE_FAILED,
					new Meter("zdash.sign.in", "factor", "recovery", "outcome", "failure")),
			Map.entry(Type.SIGN_IN_KEY_SUCCEEDED, new Meter("zdash.sign.in", "factor", "webauthn", "outcome", "success")),
			Map.entry(Type.SIGN_IN_KEY_FAILED, new Meter("zdash.sign.in", "factor", "webauthn", "outcome", "failure")),
			Map.entry(Type.SIGN_IN_PASSKEY_SUCCEEDED, new Meter("zdash.sign.in", "factor", "passkey", "outcome", "success")),
			Map.entry(Type.SIGN_IN_PASSKEY_FAILED, new Meter("zdash.sign.in", "factor", "passkey", "outcome", "failure")),
			Map.entry(Type.SIGN_IN_THROTTLED, new Meter("zdash.sign.in.throttled")),
			Map.entry(Type.CODE_REPLAY_REFUSED, new Meter("zdash.replays.refused")),
			Map.entry(Type.TWO_FACTOR_ENABLED, new Meter("zdash.enrollments")));

	private final MeterRegistry meters;

	SecurityMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void count(SecurityEvent event) {
		Meter meter = METERS.get(event.type());
		if (meter != null) {
			this.meters.counter(meter.name(), meter.tags()).increment();
		}
		if (event.type() == Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED) {
			this.meters.counter("zdash.recovery.codes.used").increment();
		}
	}

}
