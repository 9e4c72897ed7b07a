package dev.loupe.lab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;

/** Prints one JSON object on a line ({@code --json} of every lab command). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /**
     * What an eval command leaves and shows: {@code report.md} and {@code results.json} in {@code work}, then the
     * result as JSON ({@code --json}) or the report on {@code out}.
     */
    static void report(java.nio.file.Path work, String markdown, Object result, PrintWriter out, boolean json)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(work);
        java.nio.file.Files.writeString(work.resolve("report.md"), markdown);
        try (PrintWriter w = new PrintWriter(java.nio.file.Files.newBufferedWriter(work.resolve("results.json")))) {
            print(w, result);
        }
        if (json) {
            print(out, result);
        } else {
            out.print(markdown);
            out.flush();
        }
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
