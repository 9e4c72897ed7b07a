package dev.loupe.cli;

import dev.loupe.core.Hit;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.search.Fusion;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchMode;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.text.WordsTestSet;
import dev.loupe.text.ocr.OcrOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words measurements of docs/quality.md ("Words"): indexes the words test set next to the 21 shared photos with
 * the builtin model and OCR, then reports OCR word recall, text → image R@1/R@5 for semantic, text and hybrid search
 * (with several fusions), and caption R@1/R@5 on the 21 photos for each. Run from the project root after
 * {@code bin/mvn -q -Dloupe.shared=../shared -DskipTests package} (see docs/quality.md for the class path):
 * {@code java -cp ... -Dloupe.shared=../shared dev.loupe.cli.WordsQualityProbe}
 */
public final class WordsQualityProbe {
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("loupe.shared", "../shared")).toAbsolutePath().normalize();
        Path photos = shared.resolve("photos");
        Path dir = Files.createTempDirectory("loupe-words-quality");
        Path library = Files.createDirectories(dir.resolve("library"));
        List<WordsTestSet.Item> items = WordsTestSet.write(photos, library.resolve("words"));
        Path plain = Files.createDirectories(library.resolve("photos"));
        Path neutral = Files.createDirectories(dir.resolve("neutral"));
        Map<String, String> captions = new LinkedHashMap<>();
        Map<String, String> neutralCaptions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(photos.resolve("captions.tsv")).subList(1, 22);
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t");
            Files.copy(photos.resolve(c[0]), plain.resolve(c[0]));
            captions.put(c[1], plain.resolve(c[0]).toString());
            String name = String.format(Locale.ROOT, "img-%02d%s", i, c[0].substring(c[0].lastIndexOf('.')));
            Files.copy(photos.resolve(c[0]), neutral.resolve(name));
            neutralCaptions.put(c[1], neutral.resolve(name).toString());
        }
        captionTable("the 21 shared photos under their own names (coffee.png, rocket.jpg, ...)", plain, captions,
                dir.resolve("index-plain"));
        captionTable("the 21 shared photos under neutral names (img-00.png, ...): only the pixels and OCR speak",
                neutral, neutralCaptions, dir.resolve("index-neutral"));
        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withIndexDir(dir.resolve("index"))
                .withAccess(SessionOptions.Access.REBUILD);
        try (Loupe loupe = Loupe.open(o)) {
            IndexerOptions indexing = IndexerOptions.defaults().withOcr(OcrOptions.defaults());
            IndexReport report = loupe.indexer(indexing).run(List.of(library), IndexProgress.NONE);
            System.out.printf(Locale.ROOT, "indexed %d; OCR read %d (%d with text), %d without text, %d failed, "
                            + "%.1f s (%.0f ms per image looked at)%n", report.indexed(), report.ocr().read(),
                    report.ocr().withText(), report.ocr().noText(), report.ocr().failed(), report.ocr().seconds(),
                    report.ocr().seconds() * 1000 / Math.max(1, report.ocr().read() + report.ocr().noText()));
            ocrRecall(loupe, items);
            System.out.println();
            System.out.println("Queries naming a word in the image, a keyword or a file-name word, among the words "
                    + "test set and the 21 shared photos (" + loupe.index().count() + " images):");
            System.out.println("| mode | fusion | words R@1 | words R@5 | drawn R@1 | keyword R@1 | file-name R@1 |");
            System.out.println("|---|---|---|---|---|---|---|");
            row(loupe, items, null, SearchMode.SEMANTIC, Fusion.DEFAULT, "—");
            row(loupe, items, null, SearchMode.TEXT, Fusion.DEFAULT, "—");
            for (Fusion f : FUSIONS) {
                row(loupe, items, null, SearchMode.HYBRID, f, name(f));
            }
        }
    }

    static final List<Fusion> FUSIONS = List.of(new Fusion(Fusion.Kind.WEIGHTED, 0.1f),
            new Fusion(Fusion.Kind.WEIGHTED, 0.2f), new Fusion(Fusion.Kind.WEIGHTED, 0.3f),
            new Fusion(Fusion.Kind.WEIGHTED, 0.5f), new Fusion(Fusion.Kind.WEIGHTED, 1.0f),
            new Fusion(Fusion.Kind.RRF, 60f), new Fusion(Fusion.Kind.RRF, 10f));

    private static String name(Fusion f) {
        return f.kind() == Fusion.Kind.RRF ? "RRF k=" + (int) f.weight() : "cos + " + f.weight() + " × text";
    }

    /** Caption → photo over an index of just the 21 photos (with OCR), for each mode and fusion. */
    private static void captionTable(String title, Path folder, Map<String, String> captions, Path index) {
        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withIndexDir(index)
                .withAccess(SessionOptions.Access.REBUILD);
        try (Loupe loupe = Loupe.open(o)) {
            loupe.indexer(IndexerOptions.defaults()).run(List.of(folder), IndexProgress.NONE);
            System.out.println();
            System.out.println("Captions → photo, " + title + ":");
            System.out.println("| mode | fusion | captions R@1 | captions R@5 |");
            System.out.println("|---|---|---|---|");
            row(loupe, List.of(), captions, SearchMode.SEMANTIC, Fusion.DEFAULT, "—");
            row(loupe, List.of(), captions, SearchMode.TEXT, Fusion.DEFAULT, "—");
            for (Fusion f : FUSIONS) {
                row(loupe, List.of(), captions, SearchMode.HYBRID, f, name(f));
            }
        }
    }

    private static void ocrRecall(Loupe loupe, List<WordsTestSet.Item> items) {
        int drawn = 0;
        int found = 0;
        int signs = 0;
        int signsRead = 0;
        for (WordsTestSet.Item item : items) {
            if (item.kind() != WordsTestSet.Kind.DRAWN) {
                continue;
            }
            String id = loupe.index().byPath(item.file().toString()).orElseThrow().id();
            ImageText t = loupe.index().text(id).orElseThrow();
            Set<String> got = new HashSet<>(WordsTestSet.words(t.ocrState() == OcrState.DONE ? t.ocr() : ""));
            int hit = 0;
            for (String w : item.words()) {
                drawn++;
                if (got.contains(w)) {
                    found++;
                    hit++;
                }
            }
            if (item.file().getFileName().toString().startsWith("sign")) {
                signs++;
                signsRead += hit == item.words().size() ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "OCR word recall %d/%d = %.2f; signs read whole %d/%d%n", found, drawn,
                found / (double) drawn, signsRead, signs);
    }

    private static void row(Loupe loupe, List<WordsTestSet.Item> items, Map<String, String> captions, SearchMode mode,
                            Fusion fusion, String fusionName) {
        SearchEngine engine = new SearchEngine(loupe.model(), loupe.index(), loupe.images(), ProbeSettings.DEFAULT,
                SearchEngine.DEFAULT_EXACT_UP_TO, fusion);
        int[] all = new int[2];
        Map<WordsTestSet.Kind, int[]> byKind = new LinkedHashMap<>();
        int queries = 0;
        for (WordsTestSet.Item item : items) {
            for (String q : item.queries()) {
                int rank = rank(engine, mode, q, item.file().toString());
                queries++;
                all[0] += rank == 1 ? 1 : 0;
                all[1] += rank >= 1 && rank <= 5 ? 1 : 0;
                int[] k = byKind.computeIfAbsent(item.kind(), x -> new int[2]);
                k[0] += rank == 1 ? 1 : 0;
                k[1]++;
            }
        }
        if (captions != null) {
            int c1 = 0;
            int c5 = 0;
            for (Map.Entry<String, String> c : captions.entrySet()) {
                int rank = rank(engine, mode, c.getKey(), c.getValue());
                c1 += rank == 1 ? 1 : 0;
                c5 += rank >= 1 && rank <= 5 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %d/21 | %d/21 |%n", mode.key(), fusionName, c1, c5);
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %d/%d | %d/%d | %s | %s | %s |%n", mode.key(),
                fusionName, all[0], queries, all[1], queries, frac(byKind.get(WordsTestSet.Kind.DRAWN)),
                frac(byKind.get(WordsTestSet.Kind.KEYWORD)), frac(byKind.get(WordsTestSet.Kind.FILE_NAME)));
    }

    private static String frac(int[] k) {
        return k == null ? "—" : k[0] + "/" + k[1];
    }

    /** 1-based rank of {@code path} among the top 10 for {@code query}, 0 when not there. */
    static int rank(SearchEngine engine, SearchMode mode, String query, String path) {
        List<Hit> hits = engine.search(SearchRequest.of(QueryExpr.text(query), 10).withMode(mode)).hits();
        List<String> paths = new ArrayList<>();
        hits.forEach(h -> paths.add(h.path()));
        return paths.indexOf(path) + 1;
    }

    private WordsQualityProbe() {
    }
}
