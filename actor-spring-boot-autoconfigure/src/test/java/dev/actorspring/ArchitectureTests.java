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

	@ArchTest
	static final ArchRule theMailboxKnowsNoActor = classes().that()
		.resideInAPackage("dev.actorspring.runtime.mailbox..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "org.apache.commons.logging..", "org.jspecify..",
				"dev.actorspring.runtime.mailbox..");

	@ArchTest
	static final ArchRule thePlacementSeamKnowsNoInstanceAndNoFacade = noClasses().that()
		.resideInAPackage("dev.actorspring.runtime.placement..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.actorspring.runtime", "dev.actorspring.runtime.instance..");

	@ArchTest
	static final ArchRule adaptersGoThroughTheFacade = noClasses().that()
		.resideInAnyPackage("dev.actorspring.transport..", "dev.actorspring.client..", "dev.actorspring.actuate..",
				"dev.actorspring.metrics..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.actorspring.runtime.instance..", "dev.actorspring.runtime.mailbox..");

	/** The runtime is made of small rooms: no class of it grows back into one big class. */
	@org.junit.jupiter.api.Test
	void noRuntimeClassIsLongerThan400Lines() throws java.io.IOException {
		java.nio.file.Path runtime = java.nio.file.Path.of("src/main/java/dev/actorspring/runtime");
		try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(runtime)) {
			for (java.nio.file.Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllLines(file))
					.as(file.toString())
					.hasSizeLessThanOrEqualTo(400);
			}
		}
	}

}
