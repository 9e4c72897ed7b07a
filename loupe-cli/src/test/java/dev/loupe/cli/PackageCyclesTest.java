package dev.loupe.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package cycles in the main code of all modules (this module's tests see every module on their class path).
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
        for (String p : new String[]{"core", "models.builtin", "index", "engine", "learn", "server", "classify",
                "cli"}) {
            assertTrue(MAIN.containPackage("dev.loupe." + p), p);
        }
        assertTrue(MAIN.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.loupe.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
