package dev.actorspring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package layering the project promises: a small API, a transport-neutral runtime, wiring on top. */
@AnalyzeClasses(packages = "dev.actorspring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule runtimeImportsNoWebBootOrMetrics = noClasses().that()
		.resideInAnyPackage("dev.actorspring.runtime..", "dev.actorspring.persistence..", "dev.actorspring.codec..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.boot..", "io.micrometer..",
				"jakarta.servlet..");

	@ArchTest
	static final ArchRule apiImportsOnlyTheJdkJSpecifySpringAnnotationsAndJdbcClient = classes().that()
		.resideInAPackage("dev.actorspring.api..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "org.jspecify..", "dev.actorspring.api..", "org.springframework.stereotype..",
				"org.springframework.core.annotation..", "org.springframework.jdbc.core.simple..");

	@ArchTest
	static final ArchRule nothingDependsOnAutoConfiguration = noClasses().that()
		.resideOutsideOfPackage("dev.actorspring.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.actorspring.autoconfigure..");

	@ArchTest
	static final ArchRule packagesHaveNoCycles = slices().matching("dev.actorspring.(**)").should().beFreeOfCycles();

}
