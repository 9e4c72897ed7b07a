package dev.loupe.cli;

import dev.loupe.core.query.Composer;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.search.SearchMode;
import dev.loupe.engine.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "search", mixinStandardHelpOptions = true, description = {
        "Find images by text, or by an expression over images and texts:",
        "  loupe search \"a cat on a sofa\"",
        "  loupe search --image blue-car.jpg --minus blue --plus red      (analogy)",
        "  loupe search \"a dog\" --minus grass                            (negative term)",
        "  loupe search --image dress.jpg --text \"in red\"                 (composed)",
        "  loupe search --from 3baba4cb9c057971 --minus day --plus night  (refine a result)",
        "Terms take an optional weight: --plus 2:snow. See docs/queries.md."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "What to look for (the query's base text).")
    List<String> words = new ArrayList<>();

    @Option(names = "--image", paramLabel = "[W:]FILE", description = "Base image: a file, indexed or not.")
    String image;

    @Option(names = "--from", paramLabel = "ID", description = "Base image: an indexed image by the id shown after a result.")
    String from;

    @Option(names = "--text", paramLabel = "[W:]TEXT", description = "Text composed with the base image (\"in red\").")
    String text;

    @Option(names = "--plus", paramLabel = "[W:]TEXT", description = "Add this concept (repeatable).")
    List<String> plus = new ArrayList<>();

    @Option(names = "--minus", paramLabel = "[W:]TEXT", description = "Subtract this concept (repeatable).")
    List<String> minus = new ArrayList<>();

    @Option(names = "--measure", paramLabel = "sum|diff", description = "Analogy measure (default: ${DEFAULT-VALUE}).")
    String measure = Measure.DEFAULT.cliName();

    @Option(names = "--composer", paramLabel = "NAME|FILE",
            description = "A trained composer that combines --image/--from with --text instead of the weighted sum: "
                    + "the name of one registered with the index ('bin/loupe-lab train composer', listed by 'loupe "
                    + "info') or a composer file.")
    String composer;

    @Option(names = "--head", paramLabel = "NAME",
            description = "Rank the TEXT in the space of a trained text->image head (DeViSE or VSE) registered with "
                    + "the index ('bin/loupe-lab train head', listed by 'loupe info') instead of the model's.")
    String head;

    @Mixin
    FilterOptions filters;

    @Option(names = "--mode", paramLabel = "semantic|text|hybrid", description = "For words: rank by what the photos "
            + "show (semantic), by the words in and around them — file names, metadata, OCR text, labels — (text), or "
            + "both (default: ${DEFAULT-VALUE}). \"Quoted phrases\" must occur in the words.")
    String mode = SearchMode.DEFAULT.key();

    @Option(names = "--include-query", description = "Keep the query's own images in the results.")
    boolean includeQuery;

    @Option(names = "--exact", description = "Score every indexed image instead of the HNSW candidates "
            + "(indexes of up to 10,000 images are always scanned exactly).")
    boolean exact;

    @Spec
    CommandSpec spec;

    /** The folder relative --image and --composer files are read from: null for this process's own. */
    java.nio.file.Path base;

    /** The query expression the options describe. */
    QueryExpr expression() {
        List<Term> terms = new ArrayList<>();
        if (!words.isEmpty()) {
            terms.add(Term.parse(Term.Kind.TEXT, Term.Role.BASE, String.join(" ", words)));
        }
        if (image != null) {
            Term t = Term.parse(Term.Kind.IMAGE_PATH, Term.Role.BASE, image);
            terms.add(base == null ? t : new Term(t.kind(), base.resolve(t.value()).toString(), t.weight(), t.role()));
        }
        if (from != null) {
            terms.add(Term.parse(Term.Kind.IMAGE_ID, Term.Role.BASE, from));
        }
        if (text != null) {
            if (image == null && from == null) {
                throw new IllegalArgumentException("--text composes with a base image: add --image FILE or --from ID "
                        + "(for a plain text search, give the text without --text)");
            }
            terms.add(Term.parse(Term.Kind.TEXT, Term.Role.BASE, text));
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("nothing to search for: give a TEXT, --image FILE or --from ID");
        }
        plus.forEach(p -> terms.add(Term.parse(Term.Kind.TEXT, Term.Role.PLUS, p)));
        minus.forEach(m -> terms.add(Term.parse(Term.Kind.TEXT, Term.Role.MINUS, m)));
        return new QueryExpr(terms, Measure.parse(measure));
    }

    @Override
    public Integer call() {
        SearchRequest.of(expression(), k); // checks the query, -k and the filters before the model is loaded
        filters.filter();
        filters.sort();
        try (Loupe loupe = common.open(SessionOptions.Access.READ)) {
            return run(loupe);
        }
    }

    /** Runs the search on an open session (this command's own, or the one a server holds) and prints the hits. */
    int run(Loupe loupe) {
        QueryExpr expr = expression();
        var filter = filters.filter();
        var sort = filters.sort();
        String composerName = composer;
        if (composerName != null && base != null && java.nio.file.Files.isRegularFile(base.resolve(composerName))) {
            composerName = base.resolve(composerName).toString();
        }
        Composer compose = composerName == null ? Composer.weightedSum() : loupe.composers().resolve(composerName);
        SearchRequest request = SearchRequest.of(expr, k).withComposer(compose).withFilter(filter)
                .withIncludeQueryImages(includeQuery).withExact(exact).withMode(SearchMode.parse(mode, "--mode"))
                .withSort(sort).withHead(head == null ? null : loupe.heads().head(head));
        Output.hits(spec.commandLine().getOut(), loupe.search(request), common.json, loupe.index()::labels);
        return 0;
    }
}
