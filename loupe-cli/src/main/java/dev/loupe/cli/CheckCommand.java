package dev.loupe.cli;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.Repairer;
import dev.loupe.engine.SessionOptions;
import dev.loupe.index.IndexCheck;
import dev.loupe.index.IndexDamagedException;
import dev.loupe.index.IndexHealth;
import dev.loupe.index.LuceneBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, description = {
        "Check the index: every file's checksum (Lucene's CheckIndex) and every image's stored fields and vectors.",
        "With --repair, a damaged index is moved aside (kept) and rebuilt: sound images are copied, the others are",
        "encoded again from the photo folders the index recorded (and any PATH given).",
        "Exit code: 0 healthy (or repaired), 1 damaged or no index."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--repair", description = "Rebuild a damaged index; the damaged one is moved to DIR.damaged-TIME.")
    boolean repair;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "With --repair: more photo folders to index, "
            + "for images the damaged index no longer names.")
    List<Path> paths = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!paths.isEmpty() && !repair) {
            throw new IllegalArgumentException("PATH is only used with --repair (folders to index into the repaired index)");
        }
        PrintWriter out = spec.commandLine().getOut();
        SessionOptions session = common.session(SessionOptions.Access.NONE);
        if (!(session.indexBackend() instanceof LuceneBackend lucene)) {
            throw new IllegalArgumentException("loupe check reads the embedded index only, not "
                    + session.indexBackend().describe());
        }
        Path dir = lucene.dir();
        if (!repair) {
            IndexHealth health = IndexCheck.check(dir);
            if (health.state() == IndexHealth.State.MISSING) {
                throw new IllegalStateException("no index at " + dir + " to check; build one with 'loupe index PATH...'"
                        + (session.defaultIndex() ? " or pass --index DIR" : ""));
            }
            if (common.json) {
                Output.json(out, view(health));
            } else {
                print(out, health);
                if (health.damaged()) {
                    out.println("repair it with '" + IndexDamagedException.repairCommand(dir) + "' (the damaged index "
                            + "is kept beside the repaired one), or restore " + dir + " from a backup");
                }
                out.flush();
            }
            return health.damaged() ? Errors.FAILED : 0;
        }
        IndexerOptions d = IndexerOptions.defaults();
        IndexerOptions options = new IndexerOptions(session.threads(), d.batchSize(), d.commitEvery(), d.commitAfter());
        Repairer.Report report;
        try (Loupe loupe = common.open(SessionOptions.Access.NONE);
             ProgressBars.IndexBar bar = ProgressBars.index(!common.json)) {
            report = new Repairer(loupe.model(), loupe.decoder(), options).repair(dir, paths, bar);
        }
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("before", view(report.before()));
            m.put("repaired", report.repaired());
            m.put("movedTo", report.movedTo() == null ? null : report.movedTo().toString());
            m.put("copied", report.copied());
            m.put("folders", report.folders().stream().map(Path::toString).toList());
            m.put("reindexed", report.reindexed());
            m.put("after", view(report.after()));
            Output.json(out, m);
        } else {
            print(out, report);
        }
        return report.after().damaged() ? Errors.FAILED : 0;
    }

    private static void print(PrintWriter out, Repairer.Report r) {
        if (!r.repaired()) {
            print(out, r.before());
            out.println("nothing to repair");
            out.flush();
            return;
        }
        out.println("was damaged:");
        r.before().problems().forEach(p -> out.println("  " + Output.oneLine(p.toString())));
        out.println("moved the damaged index to " + Output.oneLine(r.movedTo().toString())
                + " (kept; delete it once the repaired index serves you well)");
        out.printf("copied %d images as they were from the sound parts%n", r.copied());
        IndexReport re = r.reindexed();
        if (re != null) {
            out.printf("encoded %d images again from %d folders (%d were already there, %d skipped)%n",
                    re.indexed() + re.updated(), r.folders().size(), re.unchanged(), re.skipped().size());
            re.skipped().forEach(s -> out.println("  skipped " + Output.oneLine(s.path()) + ": " + s.reason()));
        } else {
            out.println("the damaged index named no photo folders, so nothing was encoded again; run "
                    + "'loupe index PATH...' (or 'loupe check --repair PATH...' on the damaged copy) with your photo folders");
        }
        print(out, r.after());
        out.flush();
    }

    private static void print(PrintWriter out, IndexHealth h) {
        out.printf("%-9s %s%n", "index", Output.oneLine(h.dir().toString()));
        out.printf("%-9s %s%n", "state", h.state().name().toLowerCase(java.util.Locale.ROOT));
        if (h.model() != null) {
            out.printf("%-9s %s%n", "model", h.model());
        }
        if (h.images() >= 0) {
            out.printf("%-9s %d%n", "images", h.images());
        }
        for (IndexHealth.Segment s : h.segments()) {
            out.printf("%-9s %s: %d documents, %s%n", "segment", s.name(), s.documents(), s.ok() ? "ok" : "DAMAGED");
        }
        for (IndexHealth.Problem p : h.problems()) {
            out.println("problem   " + Output.oneLine(p.toString()));
        }
    }

    private static Map<String, Object> view(IndexHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", h.dir().toString());
        m.put("state", h.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("model", h.model());
        m.put("spaces", h.spaces());
        m.put("images", h.images());
        m.put("segments", h.segments());
        m.put("problems", h.problems());
        m.put("damagedImages", h.damagedImages());
        return m;
    }
}
