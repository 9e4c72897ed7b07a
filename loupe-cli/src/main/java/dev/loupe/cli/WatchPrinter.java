package dev.loupe.cli;

import dev.loupe.engine.FileChange;
import dev.loupe.engine.ForwardingProgress;
import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.LibraryWatcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A watched library's events: lines for people on stderr ({@code moved  /p/b.jpg  (from /p/a.jpg, vectors
 * reused)}), and with {@code --json} one JSON object per event on stdout ({@code {"event": "moved", "path": …,
 * "from": …, "vectorsReused": true}}). The first sync shows a progress bar instead of a line per file.
 */
final class WatchPrinter extends ForwardingProgress implements LibraryWatcher.Listener, AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private ProgressBars.IndexBar bar; // during the first sync only
    private boolean announce = true; // the first sync and a re-scan after a root came back are shown even if idle

    WatchPrinter(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.bar = ProgressBars.index(!json);
    }

    @Override
    public void watching(List<Path> online, List<Path> offline) {
        event("watching", Map.of("roots", online.stream().map(Path::toString).toList(),
                "offline", offline.stream().map(Path::toString).toList()));
        text("watching %d folder(s)%s — Ctrl+C stops", online.size() + offline.size(),
                offline.isEmpty() ? "" : ", " + offline.size() + " offline");
    }

    /** The first sync's callbacks draw its progress bar; later syncs print a line per file instead. */
    @Override
    protected IndexProgress target() {
        return bar != null ? bar : IndexProgress.NONE;
    }

    @Override
    public void changed(FileChange c) {
        String kind = c.kind().name().toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", c.path());
        if (c.from() != null) {
            fields.put("from", c.from());
            fields.put("vectorsReused", true);
        }
        if (c.note() != null) {
            fields.put("reason", c.note());
        }
        event(kind, fields);
        if (bar == null) { // after the first sync: one line per file
            String why = c.from() != null ? "  (from " + Output.oneLine(c.from()) + ", vectors reused)"
                    : c.note() != null ? ": " + c.note() : "";
            text("%-8s %s%s", kind, Output.oneLine(c.path()), why);
        }
    }

    @Override
    public void offline(Path root, int kept) {
        event("offline", Map.of("root", root.toString(), "kept", kept));
        text("offline  %s: gone or unmounted — its %d images stay in the index; it is re-scanned when it is back",
                Output.oneLine(root.toString()), kept);
    }

    @Override
    public void online(Path root) {
        event("online", Map.of("root", root.toString()));
        text("online   %s: back, re-scanning", Output.oneLine(root.toString()));
        announce = true;
    }

    @Override
    public void synced(List<Path> paths, IndexReport r, int images) {
        boolean changed = r.indexed() + r.updated() + r.reused() + r.removed() + r.skipped().size() > 0;
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (!changed && !announce) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("indexed", r.indexed());
        fields.put("updated", r.updated());
        fields.put("reused", r.reused());
        fields.put("removed", r.removed());
        fields.put("unchanged", r.unchanged());
        fields.put("skipped", r.skipped().size());
        fields.put("images", images);
        event("synced", fields);
        text("synced: indexed %d, updated %d, moved or copied %d (vectors reused), removed %d, skipped %d — %d images "
                + "in the index", r.indexed(), r.updated(), r.reused(), r.removed(), r.skipped().size(), images);
        announce = false;
    }

    @Override
    public void problem(String message) {
        event("problem", Map.of("message", message));
        text("warning: %s", message);
    }

    /** The watch is over and the index closed: everything it did is committed. */
    void stopped() {
        event("stopped", Map.of());
        text("stopped; every change is committed");
    }

    private void event(String kind, Map<String, ?> fields) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", kind);
            line.putAll(fields);
            Output.json(out, line);
        }
    }

    private void text(String format, Object... args) {
        err.printf("loupe: " + format + "%n", args);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
