package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMatrixTest {

    static List<float[]> randomRows(int n, int dim, long seed) {
        Random rnd = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) rnd.nextGaussian();
            }
            rows.add(Vectors.normalize(v));
        }
        return rows;
    }

    /** A matrix of these rows with small chunks, so that tests cross chunk boundaries. */
    static VectorMatrix matrix(List<float[]> rows, int rowsPerChunk) {
        VectorMatrix.Builder b = new VectorMatrix.Builder(rows.get(0).length, rowsPerChunk);
        rows.forEach(b::add);
        return b.build();
    }

    @Test
    void storesRowsAcrossChunksInOrder() {
        List<float[]> rows = randomRows(23, 5, 1);
        VectorMatrix.Builder b = new VectorMatrix.Builder(5, 4);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, b.add(rows.get(i)));
        }
        VectorMatrix m = b.build();
        assertEquals(23, m.size());
        assertEquals(5, m.dimension());
        assertEquals(6, m.chunkCount());
        assertEquals(3 * 5, m.chunk(5).length);   // last chunk trimmed to its 3 rows
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), m.row(i));
            assertEquals(1f, m.squaredNorm(i), 1e-5f);
        }
        assertEquals((23 * 5 + 23) * 4L, m.bytes());
    }

    @Test
    void memoryGrowsWithTheRowsNotByAWholeChunk() {
        VectorMatrix.Builder few = new VectorMatrix.Builder(8, 100_000);
        randomRows(3, 8, 2).forEach(few::add);
        assertTrue(few.allocatedFloats() <= 2L * VectorMatrix.Builder.FIRST_ROWS * 8, "" + few.allocatedFloats());

        // rows across several doublings of the last chunk and into a second chunk stay in order, each intact
        List<float[]> rows = randomRows(1_500, 8, 3);
        VectorMatrix.Builder b = new VectorMatrix.Builder(8, 1_000);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, b.add(rows.get(i)));
            assertTrue(b.allocatedFloats() <= 2L * (i + 1 + VectorMatrix.Builder.FIRST_ROWS) * 9,
                    "row " + i + ": " + b.allocatedFloats());
        }
        VectorMatrix m = b.build();
        assertEquals(2, m.chunkCount());
        assertEquals(1_000 * 8, m.chunk(0).length);
        assertEquals(500 * 8, m.chunk(1).length);
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), m.row(i), "row " + i);
        }
        List<ScoredOrdinal> top = new ExactScanner(m).topK(ResolvedQuery.sum(rows.get(1_234)), 1);
        assertEquals(1_234, top.get(0).ordinal());
    }

    @Test
    void rowIsACopy() {
        VectorMatrix m = VectorMatrix.of(List.of(new float[] {1, 0}, new float[] {0, 2}));
        m.row(0)[0] = 9;
        assertArrayEquals(new float[] {1, 0}, m.row(0));
        assertEquals(4f, m.squaredNorm(1));
    }

    @Test
    void refusesBadRows() {
        VectorMatrix.Builder b = VectorMatrix.builder(3);
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> b.add(new float[2]));
        assertTrue(dim.getMessage().contains("row 0") && dim.getMessage().contains("expected 3"), dim.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.add(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> b.add(new float[] {Float.NaN, 1, 0}));
        assertThrows(IllegalArgumentException.class, b::build);
        assertThrows(IndexOutOfBoundsException.class,
                () -> VectorMatrix.of(List.of(new float[] {1, 0})).row(1));
    }

    @Test
    void scoresOneCandidateLikeTheQuery() {
        List<float[]> rows = randomRows(40, 16, 2);
        VectorMatrix m = matrix(rows, 7);
        ResolvedQuery diff = ResolvedQuery.diff(rows.get(0), rows.get(1));
        ResolvedQuery sum = ResolvedQuery.sum(rows.get(2));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(diff.score(rows.get(i)), m.score(diff, i), 1e-5f);
            assertEquals(sum.score(rows.get(i)), m.score(sum, i), 1e-5f);
        }
        assertThrows(IllegalArgumentException.class, () -> m.score(ResolvedQuery.sum(new float[] {1, 2}), 0));
    }
}
