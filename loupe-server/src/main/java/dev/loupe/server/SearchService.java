package dev.loupe.server;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.Model;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.QueryEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SearchPlan}: asks the engine for enough hits to fill the page after the filters, cuts out the page,
 * and adds each hit's tags. Plain image queries use the searcher's visual+semantic blend; everything else goes
 * through the query engine.
 */
final class SearchService {
    private final Loupe loupe;
    private final Tagger tagger;

    SearchService(Loupe loupe, Tagger tagger) {
        this.loupe = loupe;
        this.tagger = tagger;
    }

    Views.SearchResponse search(SearchPlan plan) {
        int want = plan.offset() + plan.k();
        // one more than the page shows tells whether there is a next page; left-out hits need room too
        int n = plan.filter().isEmpty() ? want + 1 + plan.excludedHashes().size() : Math.max(4 * want, 64);
        List<Hit> kept;
        while (true) {
            n = Math.min(n, SearchPlanner.MAX_RANKED);
            List<Hit> raw = fetch(plan, n);
            kept = new ArrayList<>(Math.min(raw.size(), want + 1));
            for (Hit h : raw) {
                if (keep(plan, h)) {
                    kept.add(h);
                }
            }
            boolean exhausted = raw.size() < n || n == SearchPlanner.MAX_RANKED;
            if (kept.size() > want || exhausted) {
                break;
            }
            n *= 4;
        }
        List<Views.HitView> page = new ArrayList<>();
        for (int i = plan.offset(); i < Math.min(want, kept.size()); i++) {
            page.add(view(kept.get(i), plan.tagsPerHit()));
        }
        String next = kept.size() > want ? new Cursor(want, plan.fingerprint()).encode() : null;
        return new Views.SearchResponse(page, next, plan.expr().toString(), plan.expr().effectiveMeasure().cliName());
    }

    private boolean keep(SearchPlan plan, Hit h) {
        if (plan.similarId() != null && !plan.includeQueryImages() && plan.similarId().equals(h.id())) {
            return false;
        }
        if (plan.excludedHashes().contains(h.image().contentHash())) {
            return false;
        }
        return plan.filter().test(h.image());
    }

    private List<Hit> fetch(SearchPlan plan, int n) {
        Model model = loupe.model();
        if (plan.similarTo() != null) {
            int ask = Math.min(SearchPlanner.MAX_RANKED, plan.similarId() != null ? n + 1 : n);
            return loupe.searcher().similar(plan.similarTo(), ask, model.visualWeight());
        }
        return loupe.queries().search(new QueryEngine.Request(plan.expr(), n, plan.includeQueryImages(), plan.exact(),
                plan.composer()));
    }

    private Views.HitView view(Hit h, int tags) {
        if (tags == 0) {
            return Views.HitView.of(h, List.of());
        }
        ImageIndex index = loupe.index();
        float[] semantic = index.vector(h.id(), loupe.model().info().textSpace()).orElse(null);
        return Views.HitView.of(h, semantic == null ? List.of() : tagger.tags(semantic, tags));
    }
}
