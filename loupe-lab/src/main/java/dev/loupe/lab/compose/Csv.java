package dev.loupe.lab.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One CSV line (RFC 4180 quoting within a line: {@code "a, b"}, {@code ""} for a quote). */
final class Csv {
    private Csv() {
    }

    static List<String> fields(String line, Path file, int no) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                cur.setLength(0);
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + " line " + no + ": a quoted field is not closed");
        }
        out.add(cur.toString().strip());
        return out;
    }
}
