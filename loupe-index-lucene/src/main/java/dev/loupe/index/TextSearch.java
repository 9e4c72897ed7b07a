package dev.loupe.index;

import dev.loupe.core.text.TextField;
import dev.loupe.core.TextHit;
import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded index's text search ({@link dev.loupe.core.ImageIndex#searchText}): BM25 over the text fields, each
 * query term scored by its best field (a disjunction-max, as Solr's edismax does with {@code tie=0}), quoted phrases
 * required, labels matched by name; the score divided by the query's largest possible score; matches highlighted by
 * Lucene's unified highlighter.
 */
final class TextSearch {
    /** A label match counts like one occurrence of its words in a field of average length (BM25: 1 / (1 + k1)). */
    static final float LABEL_SHARE = 1f / 2.2f;
    private static final String[] FIELDS = ImageDocuments.TEXT_FIELDS.stream().map(TextField::key)
            .toArray(String[]::new);

    private TextSearch() {
    }

    static List<TextHit> search(IndexSearcher s, TextQuery query, int k, Query filter) throws IOException {
        Analyzer analyzer = ImageDocuments.analyzer();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        double max = 0;
        Set<String> terms = new LinkedHashSet<>(tokens(analyzer, String.join(" ", query.words())));
        for (String t : terms) {
            List<Query> perField = new ArrayList<>();
            for (String f : FIELDS) {
                perField.add(new TermQuery(new Term(f, t)));
            }
            b.add(new DisjunctionMaxQuery(perField, 0f), BooleanClause.Occur.SHOULD);
            max += maxIdf(s, t);
        }
        for (String phrase : query.phrases()) {
            List<String> words = tokens(analyzer, phrase);
            if (words.isEmpty()) {
                continue; // only stop words: nothing to require
            }
            int[] positions = positions(analyzer, phrase);
            List<Query> perField = new ArrayList<>();
            for (String f : FIELDS) {
                if (words.size() == 1) {
                    perField.add(new TermQuery(new Term(f, words.get(0))));
                    continue;
                }
                PhraseQuery.Builder pq = new PhraseQuery.Builder();
                for (int i = 0; i < words.size(); i++) {
                    pq.add(new Term(f, words.get(i)), positions[i]); // keeps the holes of dropped stop words
                }
                perField.add(pq.build());
            }
            b.add(new DisjunctionMaxQuery(perField, 0f), BooleanClause.Occur.MUST);
            for (String w : words) {
                max += maxIdf(s, w);
            }
        }
        Set<String> allTerms = new LinkedHashSet<>(terms);
        query.phrases().forEach(p -> allTerms.addAll(tokens(analyzer, p)));
        Map<String, Query> labelClauses = labelClauses(s, analyzer, allTerms);
        labelClauses.values().forEach(q -> b.add(q, BooleanClause.Occur.SHOULD));
        BooleanQuery text = b.build();
        if (text.clauses().isEmpty() || max == 0) {
            return List.of(); // only stop words
        }
        Query scored = text;
        if (filter != null) {
            scored = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER).build();
        }
        TopDocs top = s.search(scored, k);
        if (top.scoreDocs.length == 0) {
            return List.of();
        }
        int[] docs = new int[top.scoreDocs.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = top.scoreDocs[i].doc;
        }
        Map<String, Object[]> highlights = new Highlighter(s, analyzer).highlight(text, docs);
        List<TextHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            List<TextMatch> matches = new ArrayList<>();
            for (int f = 0; f < FIELDS.length; f++) {
                Object m = highlights.get(FIELDS[f])[i];
                if (m instanceof Snippet snippet && !snippet.spans().isEmpty()) {
                    matches.add(new TextMatch(ImageDocuments.TEXT_FIELDS.get(f), snippet.text(), snippet.spans()));
                }
            }
            for (Map.Entry<String, Query> label : labelClauses.entrySet()) {
                if (matchesDoc(s, label.getValue(), sd.doc)) {
                    matches.add(new TextMatch(TextField.LABEL, label.getKey(),
                            List.of(new TextMatch.Span(0, label.getKey().length()))));
                }
            }
            float calibrated = (float) Math.min(1.0, sd.score / max);
            hits.add(new TextHit(ImageDocuments.toRecord(s.storedFields().document(sd.doc)), calibrated, matches));
        }
        return hits;
    }

    /** The analysed terms of {@code text}, in order (stop words dropped, stemmed). */
    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(TextField.OCR.key(), text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The positions of the analysed terms of {@code text} (stop words leave holes). */
    static int[] positions(Analyzer analyzer, String text) {
        List<Integer> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(TextField.OCR.key(), text)) {
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(pos);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The most one term can add to a BM25 score, over the fields: its idf, {@code log(1 + (N - n + 0.5) / (n + 0.5))}
     * with N the documents that have the field and n those that have the term in it (BM25's term-frequency part
     * stays below 1). A term in no document gets the idf of a term seen nowhere.
     */
    static double maxIdf(IndexSearcher s, String term) throws IOException {
        double best = 0;
        boolean anyField = false;
        for (String f : FIELDS) {
            CollectionStatistics stats = s.collectionStatistics(f);
            if (stats == null) {
                continue;
            }
            anyField = true;
            Term t = new Term(f, term);
            TermStates states = TermStates.build(s, t, true);
            long n = states.docFreq();
            best = Math.max(best, idf(stats.docCount(), n));
        }
        if (!anyField) {
            best = idf(Math.max(1, s.getIndexReader().numDocs()), 0);
        }
        return best;
    }

    private static double idf(long docCount, long docFreq) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    /**
     * One constant-score clause per label whose whole (analysed) name is among the query's terms, worth
     * {@link #LABEL_SHARE} of its words' largest idf.
     */
    private static Map<String, Query> labelClauses(IndexSearcher s, Analyzer analyzer, Set<String> queryTerms)
            throws IOException {
        Map<String, Query> out = new LinkedHashMap<>();
        if (queryTerms.isEmpty()) {
            return out;
        }
        for (String label : LabelFields.names(s.getIndexReader())) {
            List<String> words = tokens(analyzer, label);
            if (words.isEmpty() || !queryTerms.containsAll(words)) {
                continue;
            }
            double worth = 0;
            for (String w : words) {
                worth += maxIdf(s, w);
            }
            Query has = NumericDocValuesField.newSlowRangeQuery(ImageDocuments.labelField(label),
                    Long.MIN_VALUE, Long.MAX_VALUE);
            out.put(label, new BoostQuery(new ConstantScoreQuery(has), (float) (LABEL_SHARE * worth)));
        }
        return out;
    }

    private static boolean matchesDoc(IndexSearcher s, Query q, int doc) throws IOException {
        var leaves = s.getIndexReader().leaves();
        var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        var weight = s.createWeight(s.rewrite(q), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
        var scorer = weight.scorer(leaf);
        return scorer != null && scorer.iterator().advance(doc - leaf.docBase) == doc - leaf.docBase;
    }

    /** A highlighted passage as text and spans (no markup: the caller decides how to show the words). */
    record Snippet(String text, List<TextMatch.Span> spans) {
    }

    /** The unified highlighter, made to return {@link Snippet}s: one passage per field, whole short texts. */
    private static final class Highlighter extends UnifiedHighlighter {
        Highlighter(IndexSearcher s, Analyzer analyzer) {
            super(UnifiedHighlighter.builder(s, analyzer).withMaxNoHighlightPassages(0).withFormatter(new Formatter()));
        }

        Map<String, Object[]> highlight(Query query, int[] docs) throws IOException {
            int[] passages = new int[FIELDS.length];
            java.util.Arrays.fill(passages, 2);
            return highlightFieldsAsObjects(FIELDS, query, docs, passages);
        }
    }

    private static final class Formatter extends PassageFormatter {
        private static final String GAP = " … ";

        @Override
        public Object format(Passage[] passages, String content) {
            StringBuilder text = new StringBuilder();
            List<TextMatch.Span> spans = new ArrayList<>();
            for (Passage p : passages) {
                if (!text.isEmpty()) {
                    text.append(GAP);
                }
                int base = text.length() - p.getStartOffset();
                // the highlighter joins the values of a multi-valued field with U+2029; show them as lines
                String passage = content.substring(p.getStartOffset(), p.getEndOffset()).replace('\u2029', '\n');
                text.append(passage);
                int last = -1;
                for (int i = 0; i < p.getNumMatches(); i++) {
                    int start = Math.max(p.getMatchStarts()[i], last);
                    int end = p.getMatchEnds()[i];
                    if (end > start) {
                        spans.add(new TextMatch.Span(base + start, base + end));
                        last = end;
                    }
                }
            }
            String out = text.toString().strip();
            int shift = text.indexOf(out);
            List<TextMatch.Span> shifted = spans.stream()
                    .map(sp -> new TextMatch.Span(Math.max(0, sp.start() - shift), Math.min(out.length(),
                            sp.end() - shift)))
                    .filter(sp -> sp.end() > sp.start()).toList();
            return new Snippet(out, shifted);
        }
    }
}
