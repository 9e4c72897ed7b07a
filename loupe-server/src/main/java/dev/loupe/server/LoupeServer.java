package dev.loupe.server;

import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The HTTP server of {@code loupe serve}: the JSON API under {@code /api/}, its OpenAPI description at
 * {@code /openapi.json}, and the search page (static files, no build step). It uses one open {@link Loupe} (model
 * and index), which it does not close; {@link #close()} stops the server, a running index job and drops uploads.
 *
 * <pre>
 *   try (Loupe loupe = Loupe.open(model, dir, Loupe.IndexMode.WRITE, decoder);
 *        LoupeServer server = LoupeServer.start(loupe, dir, ServerConfig.local(8080), IndexerOptions.defaults())) {
 *       ...
 *   }
 * </pre>
 */
public final class LoupeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoupeServer.class);
    static final String WEB = "/dev/loupe/server/web";
    static final String OPENAPI = "/dev/loupe/server/openapi.json";

    /** One API route: what the OpenAPI document must describe. */
    record Route(HandlerType method, String path, Handler handler) {
    }

    private final Javalin app;
    private final IndexJobs jobs;
    private final UploadStore uploads;
    private final List<Route> routes;
    private final ServerConfig config;
    private final CliApi cli;

    private LoupeServer(Javalin app, IndexJobs jobs, UploadStore uploads, List<Route> routes, ServerConfig config,
                        CliApi cli) {
        this.app = app;
        this.jobs = jobs;
        this.uploads = uploads;
        this.routes = routes;
        this.config = config;
        this.cli = cli;
    }

    /**
     * Starts serving {@code loupe} (whose index {@code index} names, e.g. its folder) as {@code config} says.
     *
     * @param indexing how API-started index runs are tuned
     */
    public static LoupeServer start(Loupe loupe, String index, ServerConfig config, IndexerOptions indexing) {
        return start(loupe, index, config, indexing, null);
    }

    /**
     * As {@link #start(Loupe, String, ServerConfig, IndexerOptions)}, and with {@code commands} (unless null) also
     * answers the launcher's fast path, {@code POST /api/cli} ({@link CliApi}; not part of the public API, so not in
     * {@code openapi.json}), to callers that know {@link #cliSecret()}.
     */
    public static LoupeServer start(Loupe loupe, String index, ServerConfig config, IndexerOptions indexing,
                                    CommandRunner commands) {
        UploadStore uploads = new UploadStore(config.maxUploads(), config.uploadTtl(), Clock.systemUTC());
        try {
            return start(loupe, index, config, indexing, uploads, commands == null ? null : new CliApi(commands));
        } catch (RuntimeException | Error e) {
            uploads.close(); // a server that did not start leaves no upload folder behind
            throw e;
        }
    }

    private static LoupeServer start(Loupe loupe, String index, ServerConfig config, IndexerOptions indexing,
                                     UploadStore uploads, CliApi cli) {
        Json json = new Json();
        ServedFiles files = new ServedFiles(loupe.index(), config.roots());
        Tagger tagger = new Tagger(loupe.model());
        IndexJobs jobs = new IndexJobs(() -> loupe.indexer(indexing));
        SearchParser parser = new SearchParser(loupe.index(), loupe.composers(), loupe.heads(), uploads, config.maxK(),
                json);
        int cores = Runtime.getRuntime().availableProcessors();
        SearchApi search = new SearchApi(json, parser, new SearchService(loupe, tagger), Math.max(2, 2 * cores));
        ServerLimits limits = config.limits();
        ImageApi images = new ImageApi(loupe, json, uploads, files, new Thumbnails(64L << 20), tagger,
                config.maxUploadBytes(), new UploadSlots(limits.uploads(), limits.uploadsPerClient()),
                new Bodies.Pace(limits.minBodyBytesPerSecond(), limits.ioTimeout()));
        StatusApi status = new StatusApi(loupe, index, json, config, jobs, files, uploads);
        DuplicatesApi duplicates = new DuplicatesApi(loupe, json);
        byte[] openApi = openApi(json);

        List<Route> routes = List.of(
                new Route(HandlerType.POST, "/api/search", search::search),
                new Route(HandlerType.POST, "/api/images", images::upload),
                new Route(HandlerType.GET, "/api/images/{id}", images::original),
                new Route(HandlerType.GET, "/api/images/{id}/thumbnail", images::thumbnail),
                new Route(HandlerType.GET, "/api/images/{id}/text", images::text),
                new Route(HandlerType.GET, "/api/tags/{id}", images::tags),
                new Route(HandlerType.GET, "/api/status", status::status),
                new Route(HandlerType.GET, "/api/folders", status::folders),
                new Route(HandlerType.POST, "/api/index", status::index),
                new Route(HandlerType.GET, "/api/duplicates", duplicates::duplicates),
                new Route(HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi)));

        AccessGuard guard = new AccessGuard(config);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = Math.max(config.maxUploadBytes(), Bodies.MAX_JSON_BYTES);
            JettySetup.configure(c.jetty, config);
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = WEB;
                s.location = Location.CLASSPATH;
                s.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
        });
        app.before(guard::before);
        for (Route r : routes) {
            app.addHttpHandler(r.method(), r.path(), r.handler());
        }
        if (cli != null) {
            app.addHttpHandler(HandlerType.POST, "/api/cli", cli::run);
        }
        app.exception(ApiException.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage()));
        app.exception(BodyAbortedException.class, (e, ctx) -> {
            LOG.warn("{} {} from {}: {}", ctx.method(), ctx.path(), ctx.req().getRemoteAddr(), e.getMessage());
            ctx.header("Connection", "close");
            error(ctx, json, e.status(), e.getMessage());
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, json, 400, e.getMessage()));
        app.exception(dev.loupe.index.IndexDamagedException.class, (e, ctx) -> {
            LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage()); // the message says it all
            error(ctx, json, 500, e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, json, e.getStatus(), e.getStatus() == 404
                ? "no such page or API route: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)"
                : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, json, 500, "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + " (the server log has the details)");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, json, 404, "no such page or API route: " + ctx.method() + " " + ctx.path()
                        + " (see /openapi.json)");
            }
        });
        app.error(405, ctx -> error(ctx, json, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
        JettySetup.start(app, config);
        return new LoupeServer(app, jobs, uploads, routes, config, cli);
    }

    private static void error(Context ctx, Json json, int status, String message) {
        ctx.status(status).contentType("application/json")
                .result(json.write(new Views.ErrorResponse(message == null ? "error " + status : message, status)));
    }

    /**
     * The API description as served: the hand-written {@code openapi.json} (checked against the code by
     * {@code OpenApiContractTest}) with the build's version ({@link dev.loupe.core.Version}) filled in.
     */
    static byte[] openApi(Json json) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var doc = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(resource(OPENAPI));
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("info")).put("version", StatusApi.VERSION);
            return mapper.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + OPENAPI + " cannot be read: " + e.getMessage(), e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = LoupeServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the loupe-server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on (the one picked when the config said 0). */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser, with the token when there is one. */
    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        if (config.bind().equals("0.0.0.0") || config.bind().equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port() + "/" + (config.token() == null ? "" : "?token=" + config.token());
    }

    /** The secret {@code POST /api/cli} requires; empty when the server was started without a command runner. */
    public java.util.Optional<String> cliSecret() {
        return cli == null ? java.util.Optional.empty() : java.util.Optional.of(cli.secret());
    }

    List<Route> routes() {
        return routes;
    }

    /** True while an index run started through the API is going on. */
    public boolean indexing() {
        return jobs.running();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            jobs.close();
            uploads.close();
        }
    }
}
