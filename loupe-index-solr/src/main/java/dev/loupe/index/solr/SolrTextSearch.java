package dev.loupe.index.solr;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.TextHit;
import dev.loupe.core.text.TextField;
import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SolrCloud backend's text search ({@link dev.loupe.core.ImageIndex#searchText}), built to score exactly as the
 * embedded index's ({@code dev.loupe.index.TextSearch}) does, so that both backends rank alike:
 * <ul>
 *   <li>the query's words are analysed by the collection's own {@code text_loupe} type (Solr's field analysis
 *       request; the client carries no Lucene), which mirrors the embedded index's English analyzer;</li>
 *   <li>each distinct word is one optional edismax clause over {@code name metadata ocr} with {@code tie=0} — a
 *       disjunction-max of its BM25 per field, the embedded index's query; each quoted phrase a required edismax
 *       phrase clause; each label whose whole name is among the query's terms a constant-score clause worth
 *       {@link #LABEL_SHARE} of its words' largest idf; all joined by the {@code bool} parser;</li>
 *   <li>the calibration's "most the query could score" (the sum of each term's largest idf over the fields) comes
 *       from exact collection-wide counts (facet queries), and the BM25 scores themselves from collection-wide
 *       statistics ({@code ExactStatsCache} in the configset), so neither depends on the shard an image is in;</li>
 *   <li>the filter is Solr filter queries ({@link SolrFilters}), applied inside the search;</li>
 *   <li>matches are highlighted by Solr's unified highlighter, set up as the embedded one (sentence passages, two
 *       per field, no passage without a match, values of a field joined by a paragraph separator shown as lines).</li>
 * </ul>
 * That is four round trips (analysis, counts, label names' analysis when labels exist, the search); the counts are
 * live documents while BM25 counts deleted ones until segments merge, as Lucene does, so a calibrated score may
 * differ from the embedded index's in its last digits, not in the ranking.
 */
final class SolrTextSearch {
    /** A label match counts like one occurrence of its words in a field of average length (BM25: 1 / (1 + k1)). */
    static final float LABEL_SHARE = 1f / 2.2f;
    /** Highlight tags: private-use characters, which no analysed text contains. */
    private static final String OPEN = "\uE000";
    private static final String CLOSE = "\uE001";
    private static final String GAP = " … ";
    private static final char VALUE_SEPARATOR = '\u2029';
    private static final List<String> FIELDS = SolrDocuments.TEXT_FIELDS.stream().map(TextField::key).toList();

    private final SolrImageIndex index;

    SolrTextSearch(SolrImageIndex index) {
        this.index = index;
    }

    /** One analysed term and the characters of the text it came from. */
    private record Token(String term, String surface) {
    }

    /** The collection-wide counts the calibration needs. */
    private record Counts(long numDocs, Map<String, Long> docCount, Map<String, Long> docFreq, List<String> labels) {
        /** The most one term can add to a BM25 score over the fields: its largest idf (as the embedded index). */
        double maxIdf(String term) {
            double best = 0;
            boolean anyField = false;
            for (String f : FIELDS) {
                long n = docCount.getOrDefault(f, 0L);
                if (n == 0) {
                    continue;
                }
                anyField = true;
                best = Math.max(best, idf(n, docFreq.getOrDefault(f + ":" + term, 0L)));
            }
            return anyField ? best : idf(Math.max(1, numDocs), 0);
        }
    }

    private static double idf(long docCount, long docFreq) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    List<TextHit> search(TextQuery query, int k, ImageFilter filter) {
        List<String> texts = new ArrayList<>();
        texts.add(String.join(" ", query.words()));
        texts.addAll(query.phrases());
        List<List<Token>> analysed = analyse(texts);
        Map<String, String> words = new LinkedHashMap<>(); // term -> the word as typed, first occurrence
        analysed.get(0).forEach(t -> words.putIfAbsent(t.term(), t.surface()));
        List<String> phrases = new ArrayList<>();
        List<List<String>> phraseTerms = new ArrayList<>();
        for (int i = 0; i < query.phrases().size(); i++) {
            List<String> terms = analysed.get(i + 1).stream().map(Token::term).toList();
            if (!terms.isEmpty()) { // only stop words: nothing to require
                phrases.add(query.phrases().get(i));
                phraseTerms.add(terms);
            }
        }
        if (words.isEmpty() && phrases.isEmpty()) {
            return List.of(); // only stop words
        }
        Set<String> allTerms = new LinkedHashSet<>(words.keySet());
        phraseTerms.forEach(allTerms::addAll);
        Counts counts = counts(allTerms);
        double max = 0;
        for (String t : words.keySet()) {
            max += counts.maxIdf(t);
        }
        for (List<String> terms : phraseTerms) {
            for (String t : terms) {
                max += counts.maxIdf(t);
            }
        }
        Map<String, Double> labels = labelWorth(counts, allTerms);

        SolrQuery q = new SolrQuery();
        StringBuilder bool = new StringBuilder("{!bool");
        q.set("qf", String.join(" ", FIELDS));
        q.set("tie", "0");
        q.set("sow", "true");
        q.set("mm", "0");
        q.set("uf", "-*");
        if (!words.isEmpty()) {
            bool.append(" should=$words");
            q.set("words", "{!edismax v=$wordsText}");
            q.set("wordsText", String.join(" ", words.values().stream().map(ClientUtils::escapeQueryChars).toList()));
        }
        for (int i = 0; i < phrases.size(); i++) {
            bool.append(" must=$phrase").append(i);
            q.set("phrase" + i, "{!edismax v=$phraseText" + i + "}");
            q.set("phraseText" + i, '"' + phrases.get(i).replace("\\", "\\\\") + '"');
        }
        int l = 0;
        for (Map.Entry<String, Double> label : labels.entrySet()) {
            bool.append(" should=$label").append(l);
            q.set("label" + l++, SolrDocuments.LABEL_NAMES + ":" + ClientUtils.escapeQueryChars(label.getKey())
                    + "^=" + (float) (LABEL_SHARE * label.getValue()));
        }
        for (int f = 0; f < FIELDS.size(); f++) {
            // a term no text contains, per field: every shard then reports the field's statistics (document count,
            // average length) to ExactStatsCache; a phrase alone asks only the shards that hold its words, and the
            // others' documents would be missing from the statistics its score uses
            bool.append(" should=$fieldStats").append(f);
            q.set("fieldStats" + f, "{!term f=" + FIELDS.get(f) + "}" + OPEN);
        }
        q.setQuery(bool.append('}').toString());
        index.filterQueries(filter).forEach(q::addFilterQuery);
        q.setFields(SolrDocuments.RECORD_FIELDS + ",score," + SolrDocuments.LABEL_NAMES);
        q.setRows(k);
        highlight(q);
        QueryResponse rsp = index.call("search the words", () -> index.client.query(index.collection, q,
                SolrRequest.METHOD.POST));
        Map<String, Map<String, List<String>>> hl = rsp.getHighlighting() == null ? Map.of() : rsp.getHighlighting();
        List<TextHit> hits = new ArrayList<>();
        for (SolrDocument d : rsp.getResults()) {
            String id = (String) d.getFirstValue(SolrDocuments.ID);
            List<TextMatch> matches = new ArrayList<>();
            Map<String, List<String>> byField = hl.getOrDefault(id, Map.of());
            for (TextField f : SolrDocuments.TEXT_FIELDS) {
                List<String> marked = byField.get(f.key());
                if (marked != null && !marked.isEmpty()) {
                    TextMatch m = unmark(f, String.join(GAP, marked));
                    if (!m.highlights().isEmpty()) {
                        matches.add(m);
                    }
                }
            }
            Collection<Object> has = d.getFieldValues(SolrDocuments.LABEL_NAMES);
            for (String label : labels.keySet()) {
                if (has != null && has.contains(label)) {
                    matches.add(new TextMatch(TextField.LABEL, label, List.of(new TextMatch.Span(0, label.length()))));
                }
            }
            float score = ((Number) d.getFirstValue("score")).floatValue();
            hits.add(new TextHit(SolrDocuments.toRecord(d), (float) Math.min(1.0, score / max), matches));
        }
        return hits;
    }

    /** Solr's unified highlighter, made to behave as the embedded index's (see the class comment). */
    private static void highlight(SolrQuery q) {
        q.set("hl", "true");
        q.set("hl.method", "unified");
        q.set("hl.fl", String.join(",", FIELDS));
        q.set("hl.snippets", "2");
        q.set("hl.tag.pre", OPEN);
        q.set("hl.tag.post", CLOSE);
        q.set("hl.defaultSummary", "false");
        q.set("hl.requireFieldMatch", "true");
        q.set("hl.bs.type", "SENTENCE");
        q.set("hl.fragsize", "1"); // sentences as they are, no length goal
        q.set("hl.multiValuedSeparatorChar", String.valueOf(VALUE_SEPARATOR));
    }

    /** A snippet with the highlight tags as text and spans, values of a multi-valued field as lines. */
    static TextMatch unmark(TextField field, String marked) {
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN.charAt(0)) {
                start = text.length();
            } else if (c == CLOSE.charAt(0)) {
                if (start >= 0 && text.length() > start) {
                    spans.add(new int[]{start, text.length()});
                }
                start = -1;
            } else {
                text.append(c == VALUE_SEPARATOR ? '\n' : c);
            }
        }
        String all = text.toString();
        String out = all.strip();
        int shift = all.indexOf(out);
        List<TextMatch.Span> shifted = new ArrayList<>();
        for (int[] s : spans) {
            int a = Math.max(0, s[0] - shift);
            int b = Math.min(out.length(), s[1] - shift);
            if (b > a) {
                shifted.add(new TextMatch.Span(a, b));
            }
        }
        return new TextMatch(field, out, shifted);
    }

    /**
     * The analysed terms of each text, by the collection's text type, in one request: the texts are joined by line
     * breaks (where the tokenizer always splits) and each token goes back to its text by its offsets.
     */
    private List<List<Token>> analyse(List<String> texts) {
        StringBuilder joined = new StringBuilder();
        int[] starts = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                joined.append('\n');
            }
            starts[i] = joined.length();
            joined.append(texts.get(i));
        }
        String value = joined.toString();
        List<List<Token>> out = new ArrayList<>();
        texts.forEach(t -> out.add(new ArrayList<>()));
        if (value.isBlank()) {
            return out;
        }
        FieldAnalysisRequest req = new FieldAnalysisRequest().addFieldType(SolrConfigset.TEXT_TYPE)
                .setFieldValue(value);
        var rsp = index.call("analyse the query's words", () -> req.process(index.client, index.collection));
        List<AnalysisResponseBase.TokenInfo> tokens = List.of();
        for (AnalysisResponseBase.AnalysisPhase phase : rsp.getFieldTypeAnalysis(SolrConfigset.TEXT_TYPE)
                .getIndexPhases()) {
            tokens = phase.getTokens(); // the last phase's tokens are the terms
        }
        for (AnalysisResponseBase.TokenInfo t : tokens) {
            int text = texts.size() - 1;
            while (text > 0 && starts[text] > t.getStart()) {
                text--;
            }
            out.get(text).add(new Token(t.getText(), value.substring(t.getStart(), t.getEnd())));
        }
        return out;
    }

    /**
     * Collection-wide counts in one request: documents, documents per field, documents per field and term (facet
     * queries are exact across shards), and the label names in use.
     */
    private Counts counts(Set<String> terms) {
        SolrQuery q = new SolrQuery("*:*");
        q.setRows(0);
        q.setFacet(true);
        q.setFacetMinCount(1);
        q.setFacetLimit(-1);
        q.addFacetField(SolrDocuments.LABEL_NAMES);
        for (String f : FIELDS) {
            q.addFacetQuery(f + ":*");
            for (String t : terms) {
                q.addFacetQuery("{!term f=" + f + "}" + t);
            }
        }
        QueryResponse rsp = index.call("count the query's words", () -> index.client.query(index.collection, q,
                SolrRequest.METHOD.POST));
        Map<String, Integer> facets = rsp.getFacetQuery();
        Map<String, Long> docCount = new HashMap<>();
        Map<String, Long> docFreq = new HashMap<>();
        for (String f : FIELDS) {
            docCount.put(f, (long) facets.getOrDefault(f + ":*", 0));
            for (String t : terms) {
                docFreq.put(f + ":" + t, (long) facets.getOrDefault("{!term f=" + f + "}" + t, 0));
            }
        }
        List<String> labels = new ArrayList<>();
        FacetField names = rsp.getFacetField(SolrDocuments.LABEL_NAMES);
        if (names != null && names.getValues() != null) {
            names.getValues().forEach(c -> labels.add(c.getName()));
        }
        return new Counts(rsp.getResults().getNumFound(), docCount, docFreq, labels);
    }

    /** The labels whose whole (analysed) name is among the query's terms, with the sum of their words' idf. */
    private Map<String, Double> labelWorth(Counts counts, Set<String> queryTerms) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (counts.labels().isEmpty()) {
            return out;
        }
        List<List<Token>> analysed = analyse(counts.labels());
        for (int i = 0; i < counts.labels().size(); i++) {
            List<String> words = analysed.get(i).stream().map(Token::term).toList();
            if (words.isEmpty() || !queryTerms.containsAll(words)) {
                continue;
            }
            double worth = 0;
            for (String w : words) {
                worth += counts.maxIdf(w);
            }
            out.put(counts.labels().get(i), worth);
        }
        return out;
    }
}
