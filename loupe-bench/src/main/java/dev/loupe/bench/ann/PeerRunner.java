package dev.loupe.bench.ann;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Python peer script ({@code ann_peers.py}, shipped in this jar) once per engine and set, in a process of
 * its own so that each engine's resident memory is measured alone. The script appends its result lines to the
 * bench's results file.
 *
 * @param python the interpreter: Debian's {@code /usr/bin/python3}, which sees the python3-faiss and python3-hnswlib
 *               packages (a pyenv or venv python3 on PATH does not)
 */
public record PeerRunner(Path python, Path data, Path indexDir, Path results, int queries, List<String> kinds) {
    public static final List<String> ENGINES = List.of("faiss-hnsw", "faiss-ivf-flat", "faiss-ivf-pq", "hnswlib");
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    /** Runs one engine on one set; its progress goes to {@code log}. */
    public void run(String engine, String set, PrintWriter log) throws IOException, InterruptedException {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("unknown peer '" + engine + "'; use " + String.join(", ", ENGINES));
        }
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("no Python interpreter at " + python + "; install Debian's python3 or pass "
                    + "--python");
        }
        Path script = extractScript();
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), "--data", data.toString(),
                "--set", set, "--engine", engine, "--out", results.toString(), "--index-dir", indexDir.toString(),
                "--kinds", String.join(",", kinds)));
        if (queries > 0) {
            cmd.addAll(List.of("--queries", Integer.toString(queries)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var out = p.inputReader()) {
            String line;
            while ((line = out.readLine()) != null) {
                log.println(line);
                log.flush();
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the peer script failed (exit " + code + ") for " + engine + " on " + set
                    + "; see its messages above");
        }
    }

    /** The script as a file: copied out of the jar (or the classes folder) into the index folder. */
    Path extractScript() throws IOException {
        Path target = indexDir.resolve("ann_peers.py");
        Files.createDirectories(indexDir);
        try (InputStream in = PeerRunner.class.getResourceAsStream("ann_peers.py")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("ann_peers.py is missing from the bench's classpath; "
                        + "rebuild loupe-bench"));
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
