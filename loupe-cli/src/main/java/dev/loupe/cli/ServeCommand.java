package dev.loupe.cli;

import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.LibraryWatcher;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code loupe serve}: the search page and the JSON API over one session (any model, its index). The index is
 * opened for writing, so that index runs started from the page (or {@code POST /api/index}) show up in searches
 * while they go on; with {@code --read-only} it is opened for reading instead, for an index that another process
 * writes ({@code loupe index} from cron), and searches see each of its commits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Serve the search page and the JSON API; open the printed address in a browser.",
        "  loupe serve                              http://127.0.0.1:8080",
        "  loupe serve --model openai-clip-vit-b-32 serve an installed CLIP model's index",
        "  loupe serve --root ~/photos              index ~/photos from the page",
        "  loupe serve --watch ~/photos             keep the index in step with ~/photos while serving",
        "  loupe serve --bind 0.0.0.0 --token T     let other machines connect",
        "The API is described at /openapi.json."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", description = "TCP port, 0 to 65535 (default: ${DEFAULT-VALUE}; 0 "
            + "picks a free one).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}). "
            + "Any other than a loopback address needs --token.")
    String bind = ServerConfig.DEFAULT_BIND;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:LOUPE_TOKEN}",
            description = "Secret that every API request must carry (default: $LOUPE_TOKEN).")
    String token;

    @Option(names = "--root", paramLabel = "DIR", description = "A folder the page may index and whose images it "
            + "serves (repeatable; default: the folders already in the index).")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "PATH", arity = "1..*", description = "Keep the index in step with these "
            + "folders while serving (as 'loupe index --watch'): searches see files that appear, change, move or "
            + "vanish. Events on stderr (--json: JSON lines on stdout).")
    List<Path> watch = new ArrayList<>();

    @Mixin
    WatchOptions watching;

    @Option(names = "--read-only", description = "Open the index for reading only (another process indexes).")
    boolean readOnly;

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest query image accepted, 1 to 1024 "
            + "(default: ${DEFAULT-VALUE}).")
    int maxUploadMb = (int) (ServerConfig.DEFAULT_MAX_UPLOAD_BYTES >> 20);

    @Spec
    CommandSpec spec;

    /**
     * A started server with the session it owns, the watcher of {@code --watch} (or null) and the run file through
     * which the launcher finds it.
     */
    record Running(Loupe loupe, LoupeServer server, LibraryWatcher watcher, RunFile runFile) implements AutoCloseable {
        @Override
        public void close() {
            try {
                runFile.close();
                if (watcher != null) {
                    watcher.close(); // a sync going on commits what it did
                }
            } finally {
                try {
                    server.close();
                } finally {
                    loupe.close();
                }
            }
        }
    }

    /** Checks the server's options (before anything is loaded). */
    ServerConfig config() {
        if (!watch.isEmpty() && readOnly) {
            throw new IllegalArgumentException("--watch writes the index; leave out --read-only (or let the process "
                    + "that writes the index watch: loupe index --watch)");
        }
        if (maxUploadMb < 1 || maxUploadMb > 1024) {
            throw new IllegalArgumentException("--max-upload-mb must be between 1 and 1024, got " + maxUploadMb);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        String t = token == null || token.isBlank() ? null : token;
        return new ServerConfig(bind, port, t, roots, (long) maxUploadMb << 20, ServerConfig.DEFAULT_MAX_UPLOADS,
                ServerConfig.DEFAULT_UPLOAD_TTL, ServerConfig.DEFAULT_MAX_K, readOnly);
    }

    /** Checks the options, opens the session and starts the server. */
    Running start() {
        ServerConfig config = config();
        SessionOptions session = common.session(readOnly ? SessionOptions.Access.READ : SessionOptions.Access.WRITE);
        Loupe loupe = common.open(session.access());
        try {
            IndexerOptions d = IndexerOptions.defaults();
            IndexerOptions indexing = new IndexerOptions(session.threads(), d.batchSize(), d.commitEvery(),
                    d.commitAfter(), d.ocr());
            LibraryWatcher.Settings settings = watching.settings();
            String index = session.indexBackend().describe();
            LoupeServer server = LoupeServer.start(loupe, index, config, indexing, new ServedCommands(loupe));
            RunFile runFile = RunFile.write(common.home(), "http://127.0.0.1:" + server.port(),
                    server.cliSecret().orElseThrow(), config.token(), index);
            return new Running(loupe, server, watch.isEmpty() ? null : startWatching(loupe, indexing, settings),
                    runFile);
        } catch (RuntimeException e) {
            loupe.close();
            throw e;
        }
    }

    /** Watches {@code --watch} on a thread of its own; its index runs commit, and the server's searches see them. */
    private LibraryWatcher startWatching(Loupe loupe, IndexerOptions indexing, LibraryWatcher.Settings settings) {
        WatchPrinter printer = new WatchPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), common.json);
        LibraryWatcher watcher = new LibraryWatcher(loupe.indexer(indexing), loupe.index(), watch, settings, printer);
        Thread t = new Thread(() -> {
            try {
                watcher.run();
            } catch (java.io.IOException e) {
                printer.problem("cannot watch " + watch + ": " + e.getMessage());
            } finally {
                printer.close();
            }
        }, "loupe-watch");
        t.setDaemon(true);
        t.start();
        return watcher;
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
        String index = running.loupe().options().indexBackend().describe();
        if (common.json) {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("url", running.server().url());
            started.put("model", running.loupe().modelName());
            started.put("index", index);
            started.put("images", running.loupe().index().count());
            Output.json(out, started);
        } else {
            out.printf("loupe: serving %s with model %s (%d images) at %s — Ctrl+C stops%n", index,
                    running.loupe().modelName(), running.loupe().index().count(), running.server().url());
            out.flush();
        }
        stopped.await();
        return 0;
    }
}
