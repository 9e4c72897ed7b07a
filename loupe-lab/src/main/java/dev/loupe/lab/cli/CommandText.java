package dev.loupe.lab.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** How a running command names itself: in error lines, and as the command that reproduces a report. */
final class CommandText {
    private static final String ROOT = "loupe-lab";

    private CommandText() {
    }

    /** {@code loupe-lab eval classify}, also when the command runs on its own (as in tests). */
    static String name(CommandSpec spec) {
        return String.join(" ", chain(spec));
    }

    /**
     * The command line that reproduces this run: {@code loupe-lab eval classify} and the arguments given to this
     * command, quoting those with spaces or shell characters.
     */
    static String reproduce(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // run from the root, the parent commands' words (and any of their options) come first: skip past each name
        List<String> own = chain(spec).subList(1, chain(spec).size());
        int at = -1;
        for (String word : own) {
            int i = args.subList(at + 1, args.size()).indexOf(word);
            if (i >= 0) {
                at += i + 1;
            }
        }
        List<String> rest = args.subList(at + 1, args.size());
        return name(spec) + (rest.isEmpty() ? "" : " " + rest.stream()
                .map(a -> a.matches("[\\w./,=:@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")));
    }

    /** The machine's load as {@code uptime} prints it, recorded beside every measurement. */
    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot run uptime: " + e.getMessage(), e);
        }
    }

    /** Command names from the root down: always starting with {@code loupe-lab}. */
    private static List<String> chain(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            names.add(s.name());
        }
        Collections.reverse(names);
        if (!names.get(0).equals(ROOT)) {
            names.add(0, ROOT);
        }
        return names;
    }
}
