package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.duplicates.DuplicateGroup;
import dev.loupe.engine.duplicates.DuplicateMover;
import dev.loupe.engine.duplicates.DuplicateReport;
import dev.loupe.engine.duplicates.DuplicateRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = "Group the indexed images under PATH... (default: all) into exact copies, near-duplicates "
                + "(re-encoded, resized, rotated, lightly cropped, colour-adjusted) and similar shots, and suggest "
                + "which one of each group to keep. Never deletes anything.")
final class DuplicatesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--move-to", paramLabel = "DIR", description = "Move the images not kept (exact copies and "
            + "near-duplicates) into DIR, keeping their folder structure, and write a manifest there for --undo. "
            + "Refuses to overwrite anything.")
    Path moveTo;

    @Option(names = "--include-similar", description = "With --move-to, also move the similar shots not kept.")
    boolean includeSimilar;

    @Option(names = "--undo", paramLabel = "MANIFEST", description = "Move the files listed in a manifest written by "
            + "--move-to back where they were (refuses to overwrite anything), and do nothing else.")
    Path undo;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Indexed folders or image files (default: the "
            + "whole index).")
    List<Path> paths = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (undo != null) {
            if (moveTo != null || !paths.isEmpty()) {
                throw new IllegalArgumentException("--undo takes only the manifest; drop --move-to and the PATHs");
            }
            DuplicateMover.Result back = DuplicateMover.undo(undo);
            if (common.json) {
                Output.json(out, Map.of("movedBack", moves(back)));
            } else {
                printMoves(out, "moved back", back);
            }
            return 0;
        }
        DuplicateReport report;
        try (Loupe loupe = common.open(SessionOptions.Access.READ);
             ProgressBars.PairBar bar = ProgressBars.pairs(!common.json)) {
            report = loupe.duplicates(paths, DuplicateRules.DEFAULT, bar);
        }
        DuplicateMover.Result moved = null;
        if (moveTo != null) {
            Set<DuplicateGroup.Kind> kinds = includeSimilar ? EnumSet.allOf(DuplicateGroup.Kind.class)
                    : EnumSet.of(DuplicateGroup.Kind.EXACT, DuplicateGroup.Kind.NEAR);
            moved = DuplicateMover.move(DuplicateMover.plan(report.groups(), kinds, moveTo), moveTo);
        }
        if (common.json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("images", report.images());
            body.put("candidatePairs", report.candidatePairs());
            body.put("decodedImages", report.decodedImages());
            body.put("seconds", report.seconds());
            body.put("groups", report.groups());
            body.put("warnings", report.warnings());
            if (moved != null) {
                body.put("moved", moves(moved));
            }
            Output.json(out, body);
            return 0;
        }
        print(out, report);
        if (moved != null) {
            printMoves(out, "moved", moved);
        }
        return 0;
    }

    private static void print(PrintWriter out, DuplicateReport r) {
        int n = 0;
        for (DuplicateGroup g : r.groups()) {
            out.printf("%s group %d (%d images): keep %s%n    why: %s%n", g.kind().word(), ++n, g.others().size() + 1,
                    Output.oneLine(g.keeper().path()), g.reason());
            for (DuplicateGroup.Member m : g.others()) {
                out.printf("    %s  (%s)%n", Output.oneLine(m.image().path()), m.relation());
            }
        }
        out.printf("%d images: %d exact, %d near-duplicate, %d similar-shot groups (%d candidate pairs, %.1f s)%n",
                r.images(), r.count(DuplicateGroup.Kind.EXACT), r.count(DuplicateGroup.Kind.NEAR),
                r.count(DuplicateGroup.Kind.SIMILAR), r.candidatePairs(), r.seconds());
        r.warnings().forEach(w -> out.println("  warning " + Output.oneLine(w)));
        out.flush();
    }

    private static Map<String, Object> moves(DuplicateMover.Result r) {
        return Map.of("manifest", r.manifest().toString(), "moves", r.moves().stream()
                .map(m -> Map.of("from", m.from().toString(), "to", m.to().toString())).toList());
    }

    private static void printMoves(PrintWriter out, String what, DuplicateMover.Result r) {
        for (DuplicateMover.Move m : r.moves()) {
            out.printf("%s %s -> %s%n", what, Output.oneLine(m.from().toString()), Output.oneLine(m.to().toString()));
        }
        out.printf("%s %d files; manifest %s%s%n", what, r.moves().size(), r.manifest(), what.equals("moved")
                ? " (undo: loupe duplicates --undo " + r.manifest() + "; 'loupe index' drops the moved files)" : "");
        out.flush();
    }
}
