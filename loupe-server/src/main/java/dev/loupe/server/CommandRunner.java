package dev.loupe.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code loupe} command line inside the serving process, on its open session: the launcher's fast path
 * ({@code POST /api/cli}), so that a one-shot {@code loupe search} answers without starting a JVM and loading the
 * model. The server only carries the request; what runs, and on which session, is the implementation's business
 * (the CLI module's, which knows its commands).
 */
public interface CommandRunner {
    /**
     * One command line as the launcher saw it.
     *
     * @param cwd  the caller's working folder, against which relative paths in {@code args} are read
     * @param env  the caller's {@code LOUPE_*} variables (they choose the home, index and backend)
     * @param args the arguments after {@code loupe}
     */
    record Request(Path cwd, Map<String, String> env, List<String> args) {
        public Request {
            env = Map.copyOf(env);
            args = List.copyOf(args);
        }
    }

    /**
     * What the command printed and its exit code; or, with {@code notServed} set, why this process does not run it
     * (another index, a command that is not served) — the launcher then runs it itself.
     */
    record Outcome(int exit, String out, String err, String notServed) {
        public static Outcome ran(int exit, String out, String err) {
            return new Outcome(exit, out, err, null);
        }

        public static Outcome notServed(String why) {
            return new Outcome(0, "", "", why);
        }
    }

    Outcome run(Request request);
}
