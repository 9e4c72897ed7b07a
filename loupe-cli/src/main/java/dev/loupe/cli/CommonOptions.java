package dev.loupe.cli;

import dev.loupe.engine.LoupeHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares. */
final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: $LOUPE_HOME/index or ~/.loupe/index).")
    Path index;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for decoding and the model (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    LoupeHome home() {
        return LoupeHome.fromEnvironment(System.getenv());
    }

    Path indexDir() {
        return index != null ? index.toAbsolutePath().normalize() : home().defaultIndex();
    }
}
