package dev.loupe.engine.duplicates;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the duplicate groups among the indexed images that pass a filter: exact copies by stored SHA-256, candidate
 * pairs by the index's kNN ({@link CandidatePairs}), each candidate decided by {@link DuplicateRules} (cosine, and
 * the perceptual hash of both decoded images when the cosine alone does not settle it), groups as connected
 * components, and a keeper per group ({@link Keepers}).
 */
public final class DuplicateFinder {
    private final ImageIndex index;
    private final ImageDecoder decoder;
    private final CandidatePairs search;
    private final Map<String, Optional<PixelPrint>> prints = new ConcurrentHashMap<>();
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    public DuplicateFinder(ImageIndex index, ImageDecoder decoder, int threads) {
        this.index = index;
        this.decoder = decoder;
        this.search = new CandidatePairs(index, visualSpace(index.model()), threads);
    }

    /** The space duplicates are looked for in: the visual one when the model has it, else its only (text) space. */
    public static String visualSpace(ModelInfo model) {
        return model.spaces().stream().anyMatch(s -> s.name().equals(Space.VISUAL)) ? Space.VISUAL
                : model.textSpace();
    }

    public DuplicateReport find(ImageFilter scope, DuplicateRules rules, DuplicateProgress progress) {
        long t0 = System.nanoTime();
        List<ImageRecord> records = new ArrayList<>();
        index.forEach(scope, Set.of(), (r, v) -> records.add(r));
        records.sort(Comparator.comparing(ImageRecord::path));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            position.put(records.get(i).id(), i);
        }
        Map<CandidatePairs.Pair, Float> pairs = search.find(records.stream().map(ImageRecord::id).toList(), scope,
                rules.neighbours(), rules.floor(), progress);
        Components near = new Components(records.size());
        Map<String, Integer> firstWithHash = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Integer first = firstWithHash.putIfAbsent(records.get(i).contentHash(), i);
            if (first != null) {
                near.union(first, i);
            }
        }
        // decided in parallel: a pair that needs pixels decodes and aligns two images
        Map<CandidatePairs.Pair, DuplicateGroup.Kind> kinds = new ConcurrentHashMap<>();
        pairs.entrySet().parallelStream().forEach(e -> {
            Integer a = position.get(e.getKey().a());
            Integer b = position.get(e.getKey().b());
            if (a == null || b == null || records.get(a).contentHash().equals(records.get(b).contentHash())) {
                return;
            }
            DuplicateGroup.Kind kind = rules.decide(e.getValue(), rules.needsPixels(e.getValue())
                    ? match(records.get(a), records.get(b)) : null);
            if (kind != null) {
                kinds.put(e.getKey(), kind);
            }
        });
        List<int[]> similar = new ArrayList<>();
        kinds.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(CandidatePairs.Pair::a)
                .thenComparing(CandidatePairs.Pair::b))).forEach(e -> {
            int a = position.get(e.getKey().a());
            int b = position.get(e.getKey().b());
            if (e.getValue() == DuplicateGroup.Kind.NEAR) {
                near.union(a, b);
            } else {
                similar.add(new int[]{a, b});
            }
        });
        List<DuplicateGroup> groups = new ArrayList<>();
        for (List<Integer> members : near.groups()) {
            List<ImageRecord> images = members.stream().map(records::get).toList();
            boolean exact = images.stream().map(ImageRecord::contentHash).distinct().count() == 1;
            groups.add(group(exact ? DuplicateGroup.Kind.EXACT : DuplicateGroup.Kind.NEAR, images));
        }
        Components scenes = near.copy();
        similar.forEach(p -> scenes.union(p[0], p[1]));
        for (List<Integer> members : scenes.groups()) {
            if (members.stream().map(near::find).distinct().count() > 1) {
                groups.add(group(DuplicateGroup.Kind.SIMILAR, members.stream().map(records::get).toList()));
            }
        }
        groups.sort(Comparator.comparing((DuplicateGroup g) -> g.kind() == DuplicateGroup.Kind.SIMILAR)
                .thenComparing(g -> -g.others().size()).thenComparing(g -> g.keeper().path()));
        return new DuplicateReport(records.size(), pairs.size(), (int) prints.values().stream().count(), groups,
                warnings, (System.nanoTime() - t0) / 1e9);
    }

    private DuplicateGroup group(DuplicateGroup.Kind kind, List<ImageRecord> images) {
        Keepers.Choice choice = Keepers.choose(images, this::print);
        List<DuplicateGroup.Member> others = new ArrayList<>();
        for (ImageRecord r : images) {
            if (r != choice.keeper()) {
                others.add(member(choice.keeper(), r));
            }
        }
        return new DuplicateGroup(kind, choice.keeper(), choice.reason(), others);
    }

    private DuplicateGroup.Member member(ImageRecord keeper, ImageRecord r) {
        if (r.contentHash().equals(keeper.contentHash())) {
            return new DuplicateGroup.Member(r, "exact copy", 1f);
        }
        float cosine = index.vector(keeper.id(), search.space())
                .flatMap(a -> index.vector(r.id(), search.space()).map(b -> Vectors.dot(a, b))).orElse(0f);
        PixelPrint.Match m = match(keeper, r);
        return new DuplicateGroup.Member(r, String.format(Locale.ROOT, "cosine %.3f%s", cosine, m == null ? ""
                : String.format(Locale.ROOT, ", pixels differ %.3f (worst cell %.2f), %.0f %% of the larger kept",
                m.error(), m.worstCell(), 100 * m.area())), cosine);
    }

    /** How the pixels of two images match, null when either cannot be read or is too small to tell. */
    private PixelPrint.Match match(ImageRecord a, ImageRecord b) {
        if (Math.min(Math.min(a.width(), a.height()), Math.min(b.width(), b.height()))
                < DuplicateRules.MIN_SIDE_FOR_PIXELS) {
            return null;
        }
        Optional<PixelPrint> pa = print(a);
        Optional<PixelPrint> pb = print(b);
        return pa.isPresent() && pb.isPresent()
                ? pa.get().match(pb.get(), a.width() == b.width() && a.height() == b.height()) : null;
    }

    private Optional<PixelPrint> print(ImageRecord r) {
        return prints.computeIfAbsent(r.id(), id -> {
            try {
                return Optional.of(PixelPrint.of(decoder.decode(Path.of(r.path())).image()));
            } catch (ImageDecodeException | RuntimeException e) {
                warnings.add(r.path() + ": cannot read its pixels (" + e.getMessage() + "); decided by its vector");
                return Optional.empty();
            }
        });
    }

    /** Union-find over positions 0..n-1 (written out: a few lines, no library needed). */
    private static final class Components {
        private final int[] parent;

        Components(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        Components copy() {
            Components c = new Components(0 + parent.length);
            System.arraycopy(parent, 0, c.parent, 0, parent.length);
            return c;
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        /** Components with at least two members, members in position order. */
        List<List<Integer>> groups() {
            Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
            for (int i = 0; i < parent.length; i++) {
                byRoot.computeIfAbsent(find(i), x -> new ArrayList<>()).add(i);
            }
            return byRoot.values().stream().filter(g -> g.size() > 1).toList();
        }
    }
}
