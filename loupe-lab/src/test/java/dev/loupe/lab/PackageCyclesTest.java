package dev.loupe.lab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package cycles in the lab's main code together with the product modules it builds on (loupe-cli's
 * PackageCyclesTest covers the product alone), and the lab's direction holds: the product's packages never use the
 * lab's.
 */
class PackageCyclesTest {
    /** Main classes only: neither test-classes folders nor test-jars (loupe-core's test-jar is on this path). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.loupe");

    @Test
    void importsTheLabAndTheProductItUses() {
        for (String p : new String[]{"lab.cli", "lab.classify", "learn.train", "datasets", "core", "engine",
                "classify"}) {
            assertTrue(MAIN.containPackage("dev.loupe." + p), p);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.loupe.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theProductUsesNothingOfTheLab() {
        noClasses().that().resideInAnyPackage("dev.loupe.core..", "dev.loupe.models..", "dev.loupe.index..",
                        "dev.loupe.engine..", "dev.loupe.classify..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.lab..", "dev.loupe.learn..",
                        "dev.loupe.datasets..")
                .check(MAIN);
    }
}
