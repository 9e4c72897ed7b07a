package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.Model;
import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.index.LuceneBackend;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.store.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the server tests share: the real builtin model (loaded once per test JVM) and one server over an index of
 * the shared photos (indexed once). Tests that index or change files start their own server over their own index.
 */
final class Fixtures {
    static final Path SHARED = Path.of(System.getProperty("loupe.shared")).toAbsolutePath().normalize();
    static final Path PHOTOS = SHARED.resolve("photos");
    static final IndexerOptions INDEXING = new IndexerOptions(2, 8, 200, Duration.ofSeconds(20));

    private static Model model;
    private static Served photos;

    private Fixtures() {
    }

    /** A running server with its own Loupe; {@link #close()} stops it and closes its index (not the model). */
    record Served(Loupe loupe, LoupeServer server, Path indexDir, Http http) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                try {
                    loupe.index().close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    static synchronized Model model() {
        if (model == null) {
            model = new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv)
                    .open(ModelLoader.BUILTIN, 2, ProgressListener.NONE);
        }
        return model;
    }

    /** Starts a server over a (new or existing) index in {@code indexDir}. */
    static Served start(Path indexDir, ServerConfig config) {
        return start(indexDir, config, INDEXING);
    }

    /** Starts a server whose API-started index runs are tuned by {@code indexing} (e.g. with the OCR pass). */
    static Served start(Path indexDir, ServerConfig config, IndexerOptions indexing) {
        Model m = model();
        Loupe loupe = Loupe.open(m, new LuceneBackend(indexDir), SessionOptions.Access.WRITE, new ImageDecoder());
        LoupeServer server = LoupeServer.start(loupe, indexDir.toString(), config, indexing);
        return new Served(loupe, server, indexDir, new Http(server.port()));
    }

    /** The shared server over the 21 shared photos; stopped when the test JVM exits. */
    static synchronized Served photos() {
        if (photos == null) {
            try {
                Path dir = Files.createTempDirectory("loupe-server-photos-");
                Served s = start(dir, ServerConfig.local(0));
                IndexReport report = s.loupe().indexer(INDEXING).run(List.of(PHOTOS), IndexProgress.NONE);
                assertEquals(21, report.indexed() + report.unchanged(), "photos indexed: " + report);
                photos = s;
                Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return photos;
    }

    /** Waits until the server's index run is over and returns its progress. */
    static JsonNode awaitIndexRun(Http http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = http.get("/api/status").json().path("indexing");
            if (!job.isNull() && !job.isMissingNode() && !job.path("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the index run did not finish within " + timeout);
    }

    static String name(JsonNode hit) {
        return Path.of(hit.path("path").asText()).getFileName().toString();
    }

    static String id(Path photo) {
        return dev.loupe.core.ImageIds.forPath(photo.toAbsolutePath().normalize().toString());
    }
}
