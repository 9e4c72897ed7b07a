package dev.loupe.server;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.duplicates.DuplicateProgress;
import dev.loupe.engine.duplicates.DuplicateReport;
import dev.loupe.engine.duplicates.DuplicateRules;
import io.javalin.http.Context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/duplicates[?path=/abs/folder&path=…]}: the duplicate groups of the index (or of the indexed images
 * under the given folders or files), as {@code loupe duplicates --json} prints them. Only reads: moving files aside
 * is the command line's ({@code --move-to}).
 */
final class DuplicatesApi {
    private final Loupe loupe;
    private final Json json;

    DuplicatesApi(Loupe loupe, Json json) {
        this.loupe = loupe;
        this.json = json;
    }

    void duplicates(Context ctx) {
        List<Path> paths = new ArrayList<>();
        List<String> given = ctx.queryParams("path");
        for (int i = 0; i < given.size(); i++) {
            String p = given.get(i);
            if (p == null || p.isBlank() || !Path.of(p).isAbsolute()) {
                throw ApiException.badRequest("query parameter 'path' #" + (i + 1) + " ('" + p + "') must be an "
                        + "absolute path of an indexed folder or image");
            }
            paths.add(Path.of(p));
        }
        DuplicateReport report = loupe.duplicates(paths, DuplicateRules.DEFAULT, DuplicateProgress.NONE);
        ctx.contentType("application/json").result(json.write(report));
    }
}
