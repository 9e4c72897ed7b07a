package dev.loupe.models.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths into the shared test-data folder and the reference token file, read once per test class. */
final class ClipTestData {
    private ClipTestData() {
    }

    static Path shared() {
        String dir = System.getProperty("loupe.shared");
        if (dir == null) {
            throw new IllegalStateException("system property loupe.shared is not set; run the tests through Maven");
        }
        return Path.of(dir);
    }

    static Path mergesFile() {
        return shared().resolve("models/clip/bpe_simple_vocab_16e6.txt.gz");
    }

    /** One case of reference-tokens.json: the text and its ids with start and end tokens, unpadded. */
    record ReferenceCase(String text, long[] ids) {
    }

    /** The reference file's header and cases. */
    record Reference(int vocabSize, long sot, long eot, int contextLength, List<ReferenceCase> cases) {
    }

    static Reference reference() {
        Path file = shared().resolve("models/clip/reference-tokens.json");
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            List<ReferenceCase> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode idsNode = c.get("ids");
                long[] ids = new long[idsNode.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = idsNode.get(i).asLong();
                }
                cases.add(new ReferenceCase(c.get("text").asText(), ids));
            }
            return new Reference(root.get("vocab_size").asInt(), root.get("sot").asLong(), root.get("eot").asLong(),
                    root.get("context_length").asInt(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
