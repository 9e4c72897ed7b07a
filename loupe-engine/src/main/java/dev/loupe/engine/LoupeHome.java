package dev.loupe.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Loupe keeps its files: {@code $LOUPE_HOME} or {@code ~/.loupe}, holding {@code models/} (the model cache)
 * and {@code index/} (the default index).
 */
public record LoupeHome(Path root) {
    public static LoupeHome fromEnvironment(Map<String, String> env) {
        String home = env.get("LOUPE_HOME");
        if (home != null && !home.isBlank()) {
            return new LoupeHome(Path.of(home).toAbsolutePath().normalize());
        }
        return new LoupeHome(Path.of(System.getProperty("user.home"), ".loupe"));
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path defaultIndex() {
        return root.resolve("index");
    }
}
