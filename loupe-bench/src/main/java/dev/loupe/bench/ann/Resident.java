package dev.loupe.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory as Linux reports it in {@code /proc/self/smaps} and {@code /proc/self/status}. */
final class Resident {
    private Resident() {
    }

    /** The resident bytes of this process's mappings of files under {@code dir}; 0 where /proc is missing. */
    static long mappedBytesUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString() + "/";
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        } catch (IOException e) {
            return 0;
        }
        long kb = 0;
        boolean inside = false;
        for (String line : lines) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0)) || line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                int slash = line.indexOf('/');
                inside = slash >= 0 && line.substring(slash).startsWith(prefix);
            } else if (inside && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb * 1024;
    }
}
