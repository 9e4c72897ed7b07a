package dev.loupe.server;

import picocli.CommandLine;

/** {@code loupe serve} alone, for tests that run the server in a process of its own ({@link ServerProcess}). */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
