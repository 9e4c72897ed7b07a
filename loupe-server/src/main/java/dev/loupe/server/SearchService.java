package dev.loupe.server;

import dev.loupe.core.Hit;
import dev.loupe.core.text.TextMatch;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.search.SearchResult;

import java.util.ArrayList;
import java.util.List;

/** Runs a parsed search through the engine and presents the page: each hit with its tags, and the next cursor. */
final class SearchService {
    private final Loupe loupe;
    private final Tagger tagger;

    SearchService(Loupe loupe, Tagger tagger) {
        this.loupe = loupe;
        this.tagger = tagger;
    }

    Views.SearchResponse search(SearchParser.Parsed parsed) {
        SearchResult result = loupe.search(parsed.request());
        List<Views.HitView> page = new ArrayList<>(result.hits().size());
        for (Hit h : result.hits()) {
            page.add(view(h, parsed.tagsPerHit(), result.matchesOf(h.id())));
        }
        int shown = parsed.request().offset() + parsed.request().k();
        String next = result.more() && shown < SearchParser.MAX_RANKED - 1
                ? new Cursor(shown, parsed.fingerprint()).encode() : null;
        return new Views.SearchResponse(page, next, result.query(), result.measure(), result.stats());
    }

    private Views.HitView view(Hit h, int tags, List<TextMatch> matches) {
        if (tags == 0) {
            return Views.HitView.of(h, List.of(), matches);
        }
        float[] semantic = loupe.index().vector(h.id(), loupe.model().info().textSpace()).orElse(null);
        return Views.HitView.of(h, semantic == null ? List.of() : tagger.tags(semantic, tags), matches);
    }
}
