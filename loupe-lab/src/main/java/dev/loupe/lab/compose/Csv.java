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

    /** One data row of a CSV file: its line number and fields. */
    record Row(int no, List<String> fields) {
    }

    /**
     * The data rows of {@code file}, each with {@code names.size()} fields: blank lines and {@code #} comments are
     * skipped, and a first line that starts with the first name (any case) is the header. A row with another number
     * of fields is refused naming the file, the line and the fields expected.
     */
    static List<Row> rows(Path file, List<String> names) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line, file, i + 1);
            if (i == 0 && f.size() == names.size() && f.get(0).equalsIgnoreCase(names.get(0))) {
                continue;
            }
            if (f.size() != names.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected " + names.size()
                        + " fields (" + String.join(", ", names) + "), got " + f.size() + " (quote a field that has "
                        + "a comma)");
            }
            out.add(new Row(i + 1, f));
        }
        return out;
    }
}
