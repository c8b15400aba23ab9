package io.zdash.web;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the production layout's ahead-of-time mode ({@code -Dspring.aot.enabled=true})
 * would silently ignore a setting. That processing decides when the jar is built which beans exist;
 * the one run-time setting of ours it would drop is a management port of its own
 * ({@code MANAGEMENT_SERVER_PORT}): built without it, the endpoints would stay on the main port and the
 * scraper's port would never open. A start that fails, saying what to do, beats a monitoring hole.
 */
@Component
class AheadOfTimeGuard {

	/** The bean Spring Boot defines only when the management port differs from the main one. */
	static final String CHILD_MANAGEMENT_CONTEXT = "childManagementContextInitializer";

	AheadOfTimeGuard(Environment environment, ListableBeanFactory beans) {
		check(AotDetector.useGeneratedArtifacts(), environment, beans);
	}

	static void check(boolean aheadOfTime, Environment environment, ListableBeanFactory beans) {
		boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		if (aheadOfTime && ownPort != beans.containsBeanDefinition(CHILD_MANAGEMENT_CONTEXT)) {
			throw new IllegalStateException("This jar was built " + (ownPort ? "without" : "with")
					+ " a management port of its own, and ahead-of-time mode (-Dspring.aot.enabled=true) cannot change"
					+ " that at run time. Start without -Dspring.aot.enabled=true, or build with the same setting:"
					+ " ./mvnw package -Dspring-boot.aot.jvmArguments=-Dmanagement.server.port=<port>");
		}
	}

}
