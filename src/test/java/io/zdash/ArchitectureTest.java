package io.zdash;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages stay a readable map: every package has its place below, no cycles, and each
 * may be used only by the packages named here. A new package fails the first test until it is
 * given a place.
 */
class ArchitectureTest {

	static final Set<String> PACKAGES = Set.of("signin", "account", "twofactor", "recovery", "instance", "admin", "audit",
			"notify", "metrics", "web", "support", "secrets", "trusteddevice", "lostdevice", "passkey", "apitoken");

	// Spring's ahead-of-time processing (at package) writes generated classes beside ours in
	// target/classes: bean definitions (Name__BeanDefinitions) and proxies (Name$$SpringCGLIB$$0).
	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(location -> !location.contains("__") && !location.contains("$$"))
		.importPackages("io.zdash");

	@Test
	void whenAPackageIsAddedThenItIsGivenAPlaceInTheRules() {
		Set<String> found = new TreeSet<>();
		for (JavaClass type : this.classes) {
			String name = type.getPackageName();
			if (name.startsWith("io.zdash.")) {
				found.add(name.substring("io.zdash.".length()).split("\\.")[0]);
			}
		}
		assertThat(found).isEqualTo(new TreeSet<>(PACKAGES));
	}

	@Test
	void whenFeaturesDependOnEachOtherThenNeverInACycle() {
		slices().matching("io.zdash.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	/**
	 * Shared helpers know nothing; secrets at rest know only them and serve the features that seal
	 * values; the security log knows only the helpers; sign-in factors know no feature;
	 * accounts are used by the features built on them; notifications, metrics and the web shell are
	 * used by nobody (they observe, or wire).
	 */
	@Test
	void whenAPackageUsesAnotherThenTheLayersAllowIt() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("support").definedBy("io.zdash.support..")
			.layer("secrets").definedBy("io.zdash.secrets..")
			.layer("audit").definedBy("io.zdash.audit..")
			.layer("signin").definedBy("io.zdash.signin..")
			.layer("account").definedBy("io.zdash.account..")
			.layer("trusteddevice").definedBy("io.zdash.trusteddevice..")
			.layer("lostdevice").definedBy("io.zdash.lostdevice..")
			.layer("passkey").definedBy("io.zdash.passkey..")
			.layer("recovery").definedBy("io.zdash.recovery..")
			.layer("twofactor").definedBy("io.zdash.twofactor..")
			.layer("apitoken").definedBy("io.zdash.apitoken..")
			.layer("instance").definedBy("io.zdash.instance..")
			.layer("admin").definedBy("io.zdash.admin..")
			.layer("notify").definedBy("io.zdash.notify..")
			.layer("metrics").definedBy("io.zdash.metrics..")
			.layer("web").definedBy("io.zdash.web..")
			.whereLayer("web").mayNotBeAccessedByAnyLayer()
			.whereLayer("notify").mayNotBeAccessedByAnyLayer()
			.whereLayer("metrics").mayNotBeAccessedByAnyLayer()
			.whereLayer("admin").mayNotBeAccessedByAnyLayer()
			.whereLayer("instance").mayNotBeAccessedByAnyLayer()
			.whereLayer("apitoken").mayOnlyBeAccessedByLayers("web")
			.whereLayer("lostdevice").mayOnlyBeAccessedByLayers("admin")
			.whereLayer("twofactor").mayOnlyBeAccessedByLayers("admin", "lostdevice")
			.whereLayer("recovery").mayOnlyBeAccessedByLayers("twofactor")
			.whereLayer("passkey").mayOnlyBeAccessedByLayers("twofactor")
			.whereLayer("trusteddevice").mayOnlyBeAccessedByLayers("twofactor", "admin")
			.whereLayer("account").mayOnlyBeAccessedByLayers("twofactor", "recovery", "trusteddevice", "lostdevice", "passkey",
					"instance", "apitoken",
					"admin",
					"notify", "web")
			.whereLayer("secrets").mayOnlyBeAccessedByLayers("twofactor", "recovery", "instance")
			.whereLayer("signin").mayOnlyBeAccessedByLayers("account", "twofactor", "recovery", "trusteddevice", "lostdevice",
					"passkey", "apitoken",
					"instance",
					"admin", "web")
			.whereLayer("audit").mayOnlyBeAccessedByLayers("signin", "account", "twofactor", "recovery", "trusteddevice",
					"passkey", "apitoken",
					"lostdevice",
					"instance", "admin", "notify", "metrics", "web")
			.check(this.classes);
	}

	@Test
	void whenSupportIsUsedThenItKnowsNoFeature() {
		noClasses().that().resideInAPackage("io.zdash.support..")
			.should().dependOnClassesThat().resideInAnyPackage("io.zdash.signin..", "io.zdash.account..",
					"io.zdash.twofactor..", "io.zdash.recovery..", "io.zdash.trusteddevice..", "io.zdash.lostdevice..", "io.zdash.passkey..", "io.zdash.instance..", "io.zdash.admin..",
					"io.zdash.audit..", "io.zdash.notify..", "io.zdash.metrics..", "io.zdash.web..", "io.zdash.secrets..")
			.check(this.classes);
	}

	@Test
	void whenSecretsAtRestAreBuiltThenTheyKnowNoFeature() {
		// Features plug their sealed values in through SealedValues; the keyset names none of them.
		noClasses().that().resideInAPackage("io.zdash.secrets..")
			.should().dependOnClassesThat().resideInAnyPackage("io.zdash.signin..", "io.zdash.account..",
					"io.zdash.twofactor..", "io.zdash.recovery..", "io.zdash.trusteddevice..", "io.zdash.lostdevice..", "io.zdash.instance..", "io.zdash.admin..",
					"io.zdash.audit..", "io.zdash.notify..", "io.zdash.metrics..", "io.zdash.web..")
			.check(this.classes);
	}

	@Test
	void whenFeaturesAreBuiltThenNoneReachesIntoTheWebShell() {
		noClasses().that().resideInAnyPackage("io.zdash.signin..", "io.zdash.account..", "io.zdash.twofactor..",
				"io.zdash.apitoken..", "io.zdash.recovery..", "io.zdash.trusteddevice..", "io.zdash.lostdevice..", "io.zdash.instance..", "io.zdash.admin..", "io.zdash.audit..", "io.zdash.notify..",
				"io.zdash.metrics..", "io.zdash.support..", "io.zdash.secrets..")
			.should().dependOnClassesThat().resideInAPackage("io.zdash.web..")
			.check(this.classes);
	}

	@Test
	void whenNotificationsAreAddedThenNoFeatureDependsOnThem() {
		// Features record events and call ports; emailing about them is the notifications' business.
		noClasses().that().resideOutsideOfPackage("io.zdash.notify..")
			.should().dependOnClassesThat().resideInAPackage("io.zdash.notify..")
			.check(this.classes);
	}

	@Test
	void whenRecoveryCodesAreBuiltThenTheyDoNotKnowHowTotpWorks() {
		noClasses().that().resideInAPackage("io.zdash.recovery..")
			.should().dependOnClassesThat().resideInAPackage("io.zdash.twofactor..")
			.check(this.classes);
	}

	@Test
	void whenSignInFactorsAreBuiltThenTheyKnowNoFeature() {
		// A new kind of factor plugs in through signin's ports; signin itself names none of them.
		noClasses().that().resideInAPackage("io.zdash.signin..")
			.should().dependOnClassesThat().resideInAnyPackage("io.zdash.account..", "io.zdash.twofactor..",
					"io.zdash.recovery..", "io.zdash.trusteddevice..", "io.zdash.lostdevice..", "io.zdash.instance..", "io.zdash.admin..", "io.zdash.notify..",
					"io.zdash.metrics..", "io.zdash.web..")
			.check(this.classes);
	}

}
