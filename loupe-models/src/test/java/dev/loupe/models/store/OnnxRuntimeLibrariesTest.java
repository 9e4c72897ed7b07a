package dev.loupe.models.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxRuntimeLibrariesTest {
    @TempDir
    Path tmp;

    private final String before = System.getProperty(OnnxRuntimeLibraries.PROPERTY);

    @AfterEach
    void restoreTheProperty() {
        // the folder is deleted after the test: nothing else in this JVM may be pointed at it
        if (before == null) {
            System.clearProperty(OnnxRuntimeLibraries.PROPERTY);
        } else {
            System.setProperty(OnnxRuntimeLibraries.PROPERTY, before);
        }
    }

    @Test
    void copiesTheLibrariesOnceAndPointsOnnxRuntimeAtThem() throws Exception {
        System.clearProperty(OnnxRuntimeLibraries.PROPERTY);
        Optional<Path> folder = OnnxRuntimeLibraries.useFolderUnder(tmp);
        assertTrue(folder.isPresent(), "platform " + OnnxRuntimeLibraries.platform());
        assertEquals(null, System.getProperty(OnnxRuntimeLibraries.PROPERTY), "set only while ONNX Runtime loads");
        assertTrue(ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion().startsWith("1."));
        assertTrue(folder.get().getFileName().toString().startsWith("onnxruntime-1."), folder.get().toString());
        for (String lib : new String[]{"onnxruntime", "onnxruntime4j_jni"}) {
            String name = System.mapLibraryName(lib);
            try (InputStream in = getClass().getResourceAsStream("/ai/onnxruntime/native/"
                    + OnnxRuntimeLibraries.platform() + "/" + name)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(folder.get().resolve(name)), name);
            }
        }
        try (var files = Files.list(folder.get())) {
            assertEquals(2, files.count(), "no .part files left behind");
        }

        Path lib = folder.get().resolve(System.mapLibraryName("onnxruntime"));
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, written);
        assertEquals(folder, OnnxRuntimeLibraries.useFolderUnder(tmp));
        assertEquals(written, Files.getLastModifiedTime(lib), "an existing copy is reused, not rewritten");

        Path jni = folder.get().resolve(System.mapLibraryName("onnxruntime4j_jni"));
        // replaced, not truncated: this JVM may have the library mapped from that very file
        Files.delete(jni);
        Files.write(jni, new byte[] {1, 2, 3});
        assertEquals(folder, OnnxRuntimeLibraries.useFolderUnder(tmp));
        assertTrue(Files.size(jni) > 1000, "a damaged copy (wrong size) is written again");
    }

    @Test
    void aPropertySetByTheUserWins() {
        System.setProperty(OnnxRuntimeLibraries.PROPERTY, tmp.resolve("mine").toString());
        assertEquals(Optional.empty(), OnnxRuntimeLibraries.useFolderUnder(tmp));
        assertEquals(tmp.resolve("mine").toString(), System.getProperty(OnnxRuntimeLibraries.PROPERTY));
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
