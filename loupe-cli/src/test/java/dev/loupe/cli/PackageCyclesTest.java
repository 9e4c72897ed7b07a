package dev.loupe.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package cycles in the main code of the product's modules (this module's tests see every product module on
 * their class path, and no lab module).
 * loupe-models' own, stricter rules are in its PackageCyclesTest.
 */
class PackageCyclesTest {
    /** Main classes only: neither test-classes folders nor test-jars (loupe-models' test-jar is on this path). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.loupe");

    @Test
    void importsTheMainCodeOfEveryModule() {
        // the lab (loupe-learn, loupe-lab) is not on the product's class path; loupe-lab's PackageCyclesTest covers it
        for (String p : new String[]{"core", "models.builtin", "index", "engine", "engine.search", "server",
                "classify", "cli"}) {
            assertTrue(MAIN.containPackage("dev.loupe." + p), p);
        }
        assertTrue(MAIN.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
        assertTrue(!MAIN.containPackage("dev.loupe.learn") && !MAIN.containPackage("dev.loupe.lab"),
                "the product's class path holds no lab code");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.loupe.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
