package dev.loupe.server;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.ModelInfo;
import dev.loupe.engine.Loupe;
import io.javalin.http.Context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code GET /api/status}, {@code GET /api/folders} and {@code POST /api/index} (a background index run). */
final class StatusApi {
    static final String VERSION = dev.loupe.core.Version.LOUPE;

    private final Loupe loupe;
    private final String indexDir;
    private final Json json;
    private final ServerConfig config;
    private final IndexJobs jobs;
    private final ServedFiles files;
    private final UploadStore uploads;
    private final IndexScope scope;

    StatusApi(Loupe loupe, String indexDir, Json json, ServerConfig config, IndexJobs jobs, ServedFiles files,
              UploadStore uploads) {
        this.loupe = loupe;
        this.indexDir = indexDir;
        this.json = json;
        this.config = config;
        this.jobs = jobs;
        this.files = files;
        this.uploads = uploads;
        this.scope = new IndexScope(loupe.index(), config.roots());
    }

    void status(Context ctx) {
        ModelInfo m = loupe.model().info();
        ImageIndex index = loupe.index();
        Views.ModelView model = new Views.ModelView(loupe.modelName(), m.id(), m.version(), m.textSpace(),
                m.spaces().stream().map(s -> new Views.SpaceView(s.name(), s.dimension())).toList());
        Views.IndexView iv = new Views.IndexView(indexDir, index.count(), index.sizeOnDiskBytes(),
                !config.readOnly());
        ctx.contentType("application/json").result(json.write(new Views.StatusResponse(VERSION, model, iv,
                jobs.progress(), uploads.size(), files.roots().stream().map(Path::toString).toList(),
                config.maxUploadBytes(), config.maxK(), dev.loupe.core.Relevance.DEFAULT_CUTOFF,
                loupe.composers().list().stream().map(dev.loupe.engine.ComposerRegistry.Entry::summary).toList(),
                loupe.heads().list().stream().map(dev.loupe.engine.ComposerRegistry.Entry::summary).toList())));
    }

    /** The folders that hold indexed images, with how many each holds directly. */
    void folders(Context ctx) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        loupe.index().forEach(dev.loupe.core.ImageFilter.NONE, java.util.Set.of(), (record, none) -> {
            Path parent = Path.of(record.path()).getParent();
            counts.merge(parent == null ? "/" : parent.toString(), 1, Integer::sum);
        });
        List<Views.FolderView> folders = new ArrayList<>();
        counts.forEach((p, n) -> folders.add(new Views.FolderView(p, n)));
        ctx.contentType("application/json").result(json.write(new Views.FoldersResponse(folders)));
    }

    /** {@code POST /api/index {"roots": ["/abs/folder"]}}: starts a background run; 202 with its progress. */
    void index(Context ctx) {
        if (config.readOnly()) {
            throw new ApiException(409, "this server opened the index read-only (--read-only); index with "
                    + "'loupe index PATH...' and searches here see each commit");
        }
        Views.IndexRequest request = json.read(Bodies.json(ctx, "index request"), Views.IndexRequest.class,
                "index request");
        List<Path> roots = roots(request.roots());
        IndexJobs.Progress p = jobs.start(roots);
        ctx.status(202).contentType("application/json").result(json.write(p));
    }

    private List<Path> roots(List<String> given) {
        if (given == null || given.isEmpty()) {
            if (config.roots().isEmpty()) {
                throw ApiException.badRequest("field 'roots' is missing: give the folders to index, e.g. "
                        + "{\"roots\": [\"/home/me/photos\"]} (or start the server with --root DIR)");
            }
            return config.roots();
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "roots[" + i + "]";
            String g = given.get(i);
            if (g == null || g.isBlank()) {
                throw ApiException.badRequest("field '" + field + "' is empty; give an absolute folder path");
            }
            Path p = Path.of(g.strip());
            if (!p.isAbsolute()) {
                throw ApiException.badRequest("field '" + field + "' must be an absolute path, got '"
                        + ServedFiles.abbreviate(g) + "'");
            }
            out.add(scope.check(field, p.normalize()));
        }
        return out;
    }
}
