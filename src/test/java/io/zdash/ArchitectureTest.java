package io.zdash;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The feature packages stay a readable map: no cycles, shared helpers depend on no feature. */
class ArchitectureTest {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.zdash");

	@Test
	void whenFeaturesDependOnEachOtherThenNeverInACycle() {
		slices().matching("io.zdash.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void whenSupportIsUsedThenItKnowsNoFeature() {
		noClasses().that().resideInAPackage("io.zdash.support..")
			.should().dependOnClassesThat().resideInAnyPackage("io.zdash.account..", "io.zdash.twofactor..",
					"io.zdash.recovery..", "io.zdash.instance..", "io.zdash.web..")
			.check(this.classes);
	}

	@Test
	void whenFeaturesAreBuiltThenNoneReachesIntoTheWebShell() {
		noClasses().that().resideInAnyPackage("io.zdash.account..", "io.zdash.twofactor..", "io.zdash.recovery..",
				"io.zdash.instance..")
			.should().dependOnClassesThat().resideInAPackage("io.zdash.web..")
			.check(this.classes);
	}

	@Test
	void whenNotificationsAreAddedThenNoFeatureDependsOnThem() {
		// Features publish events; emailing about them is a listener's business that none may call.
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

}
