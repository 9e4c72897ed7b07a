package dev.loupe.models;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package structure of loupe-models' main code: no package cycles (builtin and clip both build on image, text,
 * tags, onnx and store, never on each other), the store stores and verifies files without knowing any model's
 * edits, and the decoding, ONNX, text and tag packages know no model.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.loupe.models");

    @Test
    void importsTheMainClassesOfEveryPackage() {
        for (String p : new String[]{"builtin", "clip", "image", "onnx", "onnx.proto", "store", "tags", "text",
                "wordnet"}) {
            assertTrue(MAIN.containPackage("dev.loupe.models." + p), p);
        }
        assertTrue(MAIN.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.loupe.models.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void modelsAreLeavesTheSharedPackagesDoNotKnow() {
        noClasses().that().resideInAnyPackage("dev.loupe.models.image..", "dev.loupe.models.onnx..",
                        "dev.loupe.models.store..", "dev.loupe.models.tags..", "dev.loupe.models.text..",
                        "dev.loupe.models.wordnet..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.models.builtin..",
                        "dev.loupe.models.clip..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.loupe.models.builtin..")
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.models.clip..").check(MAIN);
        noClasses().that().resideInAPackage("dev.loupe.models.clip..")
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.models.builtin..").check(MAIN);
    }

    @Test
    void theStoreKnowsNoOnnxEdit() {
        noClasses().that().resideInAPackage("dev.loupe.models.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.models.onnx..").check(MAIN);
    }
}
