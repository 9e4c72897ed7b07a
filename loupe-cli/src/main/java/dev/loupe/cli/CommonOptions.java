package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.SessionFlags;
import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that opens a session shares: the session's flags and {@code --json}. */
final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Mixin
    SessionFlags flags;

    /** The environment the session is read in: this process's, or a launcher's when a server runs the command. */
    java.util.Map<String, String> env = System.getenv();

    /** Opens the session these options describe, with download bars on stderr while a model installs. */
    Loupe open(SessionOptions.Access access) {
        try (DownloadBars bars = new DownloadBars(!json)) {
            return Loupe.open(session(access).withDownloads(bars));
        }
    }

    SessionOptions session(SessionOptions.Access access) {
        return flags.options(access, env);
    }

    LoupeHome home() {
        return LoupeHome.fromEnvironment(env);
    }
}
