package dev.loupe.models.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Computes a derived file (e.g. an edited model) from an installed one. See {@link ModelStore#derive}. */
@FunctionalInterface
public interface Transform {
    /**
     * Reads {@code source} and writes the derived file to {@code target} (a temporary path the store moves into
     * place afterwards).
     */
    void apply(Path source, Path target) throws IOException;

    /** A transform of the whole file content in memory; fine for files of tens of megabytes. */
    static Transform ofBytes(UnaryOperator<byte[]> function) {
        return (source, target) -> Files.write(target, function.apply(Files.readAllBytes(source)));
    }
}
