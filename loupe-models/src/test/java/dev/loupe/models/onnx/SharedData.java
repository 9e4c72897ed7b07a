package dev.loupe.models.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared data folder given to tests as system property {@code loupe.shared}. */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir() {
        String shared = System.getProperty("loupe.shared");
        if (shared == null || shared.isBlank()) {
            throw new IllegalStateException("system property loupe.shared is not set; run the tests through Maven "
                    + "or pass -Dloupe.shared=/path/to/shared");
        }
        Path dir = Path.of(shared);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("loupe.shared=" + dir + " is not a directory");
        }
        return dir;
    }

    public static Path model(String name) {
        return dir().resolve("models").resolve(name);
    }
}
