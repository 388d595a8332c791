package dev.actorspring.cluster;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The cluster module's layering: the serializer knows no message (each package declares its formats), sharding
 * and replication sit on the library's placement seam and storage SPI, only the auto-configuration knows Spring
 * Boot, and no package cycle.
 */
@AnalyzeClasses(packages = "dev.actorspring.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class ClusterArchitectureTests {

	@ArchTest
	static final ArchRule packagesHaveNoCycles = slices().matching("dev.actorspring.cluster.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theSerializerKnowsNoMessage = classes().that()
		.resideInAPackage("dev.actorspring.cluster.serialization..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "org.apache.pekko..", "org.jspecify..", "scala..",
				"dev.actorspring.cluster.serialization..");

	@ArchTest
	static final ArchRule onlyTheAutoConfigurationKnowsSpringBootAndTheLibrarysWiring = noClasses().that()
		.resideOutsideOfPackage("dev.actorspring.cluster.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.boot..", "dev.actorspring.autoconfigure..",
				"dev.actorspring.cluster.autoconfigure..");

	@ArchTest
	static final ArchRule theViewKnowsNeitherShardingNorReplication = noClasses().that()
		.resideInAPackage("dev.actorspring.cluster.view..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.actorspring.cluster.sharding..", "dev.actorspring.cluster.replication..");

	@ArchTest
	static final ArchRule theClusterUsesTheLibrarysSeamsNotItsInstances = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.actorspring.runtime.mailbox..", "dev.actorspring.runtime.sql..",
				"dev.actorspring.transport..")
		.orShould()
		.dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
				"instance internals other than LocalPlacement",
				(com.tngtech.archunit.core.domain.JavaClass type) -> type.getPackageName()
					.equals("dev.actorspring.runtime.instance") && !type.getSimpleName().equals("LocalPlacement")));

}
