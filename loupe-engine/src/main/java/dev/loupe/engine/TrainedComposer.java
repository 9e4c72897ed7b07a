package dev.loupe.engine;

import dev.loupe.core.ModelInfo;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.query.Composer;
import dev.loupe.core.query.QueryException;
import dev.loupe.core.query.Term;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a composer trained by the learning toolkit (TIRG, concat, FiLM …, one file with its metadata) and adapts
 * it to the query's base terms: one reference image and one modification text. A file trained for another space
 * or dimension is refused with a message naming both sides.
 */
public final class TrainedComposer {
    private TrainedComposer() {
    }

    public static Composer load(Path file, ModelInfo model) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--composer " + file + ": no such file (train one with 'bin/loupe-lab train')");
        }
        return adapt(ComposerFile.load(file), model);
    }

    /** The composer of {@code file}, checked against the model's text space, as a query composer. */
    static Composer adapt(ComposerFile file, ModelInfo model) {
        String space = model.textSpace();
        int dim = model.space(space).dimension();
        dev.loupe.core.compose.Composer trained = file.composerFor(space, dim, dim);
        return (terms, units) -> {
            int image = -1;
            int text = -1;
            for (int i = 0; i < terms.size(); i++) {
                Term t = terms.get(i);
                if (t.kind() == Term.Kind.TEXT && text < 0) {
                    text = i;
                } else if (t.kind().isImage() && image < 0) {
                    image = i;
                } else {
                    image = -2;
                    break;
                }
            }
            if (image < 0 || text < 0) {
                throw new QueryException("a trained composer takes exactly one base image (--image or --from) and one "
                        + "modification --text; got " + terms);
            }
            return trained.compose(units.get(image), units.get(text));
        };
    }
}
