package dev.loupe.learn.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A CSS-like scene: at most one object per cell of a 3x3 grid. Immutable. */
public record CssScene(List<CssObject> objects) {
    public CssScene {
        List<CssObject> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingInt(CssObject::cell));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).cell() == sorted.get(i - 1).cell()) {
                throw new IllegalArgumentException("two objects in cell " + sorted.get(i).position());
            }
        }
        objects = List.copyOf(sorted);
    }

    public Optional<CssObject> at(int cell) {
        return objects.stream().filter(o -> o.cell() == cell).findFirst();
    }

    /** A canonical description ignoring offsets: two scenes with the same key show the same thing. */
    public String key() {
        StringBuilder b = new StringBuilder();
        for (CssObject o : objects) {
            b.append(o.cell()).append(':').append(o.describe()).append(';');
        }
        return b.toString();
    }

    /** A caption listing the objects, e.g. {@code large red circle top-left , small blue square middle-center}. */
    public String caption() {
        List<String> parts = new ArrayList<>();
        for (CssObject o : objects) {
            parts.add(o.describe() + " " + o.position());
        }
        return String.join(" , ", parts);
    }

    public CssScene with(CssObject added) {
        List<CssObject> l = new ArrayList<>(objects);
        l.add(added);
        return new CssScene(l);
    }

    public CssScene without(CssObject removed) {
        List<CssObject> l = new ArrayList<>(objects);
        l.remove(removed);
        return new CssScene(l);
    }

    public CssScene replace(CssObject old, CssObject now) {
        return without(old).with(now);
    }
}
