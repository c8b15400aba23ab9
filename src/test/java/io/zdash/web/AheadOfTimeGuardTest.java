package io.zdash.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AheadOfTimeGuardTest {

	private final DefaultListableBeanFactory builtWithoutOwnPort = new DefaultListableBeanFactory();

	@Test
	void whenAheadOfTimeAndAManagementPortOfItsOwnIsAskedForThenTheStartFailsSayingWhatToDo() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "9090");

		assertThatIllegalStateException().isThrownBy(() -> AheadOfTimeGuard.check(true, environment, this.builtWithoutOwnPort))
			.withMessageContaining("built without a management port of its own")
			.withMessageContaining("-Dspring-boot.aot.jvmArguments=-Dmanagement.server.port=");
	}

	@Test
	void whenBuiltWithItsOwnPortAndRunWithoutThenTheStartFails() {
		DefaultListableBeanFactory builtWithOwnPort = new DefaultListableBeanFactory();
		builtWithOwnPort.registerBeanDefinition(AheadOfTimeGuard.CHILD_MANAGEMENT_CONTEXT, new RootBeanDefinition(Object.class));

		assertThatIllegalStateException().isThrownBy(() -> AheadOfTimeGuard.check(true, new MockEnvironment(), builtWithOwnPort))
			.withMessageContaining("built with a management port of its own");
	}

	@Test
	void whenTheSettingMatchesTheBuildOrTheJarRunsNormallyThenItStarts() {
		MockEnvironment ownPort = new MockEnvironment().withProperty("management.server.port", "9090");

		assertThatCode(() -> AheadOfTimeGuard.check(true, new MockEnvironment(), this.builtWithoutOwnPort)).doesNotThrowAnyException();
		assertThatCode(() -> AheadOfTimeGuard.check(false, ownPort, this.builtWithoutOwnPort)).doesNotThrowAnyException();
	}

}
