package dev.loupe.server;

import dev.loupe.core.Model;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.image.DecodeOptions;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.store.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code loupe serve}: the search page and the JSON API over one index. The index is opened for writing, so that
 * index runs started from the page (or {@code POST /api/index}) show up in searches while they go on; with
 * {@code --read-only} it is opened for reading instead, for an index that another process writes
 * ({@code loupe index} from cron), and searches see each of its commits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, version = "loupe serve " + StatusApi.VERSION, description = {
        "Serve the search page and the JSON API; open the printed address in a browser.",
        "  loupe serve                              http://127.0.0.1:8080",
        "  loupe serve --root ~/photos              index ~/photos from the page",
        "  loupe serve --bind 0.0.0.0 --token T     let other machines connect",
        "The API is described at /openapi.json."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: $LOUPE_HOME/index or ~/.loupe/index).")
    Path index;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}). "
            + "Any other than a loopback address needs --token.")
    String bind = ServerConfig.DEFAULT_BIND;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:LOUPE_TOKEN}",
            description = "Secret that every API request must carry (default: $LOUPE_TOKEN).")
    String token;

    @Option(names = "--root", paramLabel = "DIR", description = "A folder the page may index and whose images it "
            + "serves (repeatable; default: any folder an index run is started on).")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--read-only", description = "Open the index for reading only (another process indexes).")
    boolean readOnly;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for decoding and the model (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest query image accepted (default: ${DEFAULT-VALUE}).")
    int maxUploadMb = (int) (ServerConfig.DEFAULT_MAX_UPLOAD_BYTES >> 20);

    @Option(names = "--max-pixels", paramLabel = "MP",
            description = "Refuse images larger than this many megapixels (default: 150).")
    double maxMegapixels = DecodeOptions.DEFAULT_MAX_PIXELS / 1e6;

    @Spec
    CommandSpec spec;

    /** A started server with the model and index it owns. */
    public record Running(Loupe loupe, LoupeServer server) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                loupe.close();
            }
        }
    }

    ServerConfig config() {
        if (maxUploadMb < 1) {
            throw new IllegalArgumentException("--max-upload-mb must be at least 1, got " + maxUploadMb);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        String t = token == null || token.isBlank() ? null : token;
        return new ServerConfig(bind, port, t, roots, (long) maxUploadMb << 20, ServerConfig.DEFAULT_MAX_UPLOADS,
                ServerConfig.DEFAULT_UPLOAD_TTL, ServerConfig.DEFAULT_MAX_K, readOnly);
    }

    Path indexDir() {
        return index != null ? index.toAbsolutePath().normalize() : LoupeHome.fromEnvironment(System.getenv()).defaultIndex();
    }

    /** Checks the options, opens model and index, and starts the server. */
    public Running start() {
        ServerConfig config = config();
        if (!(maxMegapixels > 0)) {
            throw new IllegalArgumentException("--max-pixels must be positive, got " + maxMegapixels);
        }
        Path dir = indexDir();
        if (readOnly && (!Files.isDirectory(dir) || LuceneImageIndex.recordedModel(dir).isEmpty())) {
            throw new IllegalStateException("no index at " + dir + " to serve read-only; build one with "
                    + "'loupe index PATH...' or leave out --read-only");
        }
        ImageDecoder decoder = new ImageDecoder(DecodeOptions.defaults().withMaxPixels((long) (maxMegapixels * 1e6)));
        Model model = new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv)
                .open(ModelLoader.BUILTIN, threads, ProgressListener.NONE);
        Loupe loupe;
        try {
            loupe = Loupe.open(model, dir, readOnly ? Loupe.IndexMode.READ : Loupe.IndexMode.WRITE, decoder);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            IndexerOptions d = IndexerOptions.defaults();
            IndexerOptions indexing = new IndexerOptions(threads, d.batchSize(), d.commitEvery(), d.commitAfter());
            return new Running(loupe, LoupeServer.start(loupe, dir, config, indexing));
        } catch (RuntimeException e) {
            loupe.close();
            throw e;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "loupe-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("loupe: serving %s (%d images) at %s — Ctrl+C stops%n", indexDir(),
                running.loupe().index().count(), running.server().url());
        out.flush();
        stopped.await();
        return 0;
    }
}
