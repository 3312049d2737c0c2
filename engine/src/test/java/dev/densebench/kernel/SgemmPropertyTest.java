package dev.densebench.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Holds the vector GEMM to the scalar reference on random shapes: sizes from 1 to 300 with a
 * bias towards primes, lane-count tails and micro-tile edges; every transpose combination;
 * alpha and beta including 0; offsets and leading dimensions larger than the width.
 */
class SgemmPropertyTest {
    /**
     * On a width the CPU lacks, or without FMA instructions, the Vector API runs its Java
     * fallback (a thousand times slower): every property then checks one try in {@value
     * #REDUCED_EVERY} and the fixed-shape tests use shallower products. Correctness only.
     */
    static final boolean REDUCED = !VectorKernels.fullSpeed();
    static final int REDUCED_EVERY = 8;
    private static int tries;

    /** Rows and columns a reduced run keeps: a few tiles and a tail, any depth. */
    static int reducedRows(int m) {
        return REDUCED ? Math.min(m, 3 * GemmTuning.MR + 1) : m;
    }

    static int reducedCols(int n) {
        return REDUCED ? Math.min(n, 2 * GemmTuning.NR + 3) : n;
    }

    /** False for the tries a reduced run skips. */
    static boolean checkThisTry() {
        return !REDUCED || tries++ % REDUCED_EVERY == 0;
    }
    static final ScalarKernels SCALAR = new ScalarKernels();
    static final VectorKernels VECTOR1 = new VectorKernels(1);
    static final VectorKernels VECTOR2 = new VectorKernels(2);
    /** Three workers: uneven shares of the column tiles. */
    static final VectorKernels VECTOR3 = new VectorKernels(3);

    @AfterContainer
    static void closePools() {
        VECTOR1.close();
        VECTOR2.close();
        VECTOR3.close();
    }

    /** Sizes that stress the edges: primes, multiples of 16/32 and their neighbours, MR/KC/MC/NR edges. */
    @Provide
    Arbitrary<Integer> size() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 300),
                Arbitraries.of(1, 2, 3, 5, 7, 11, 13, 17, 31, 37, 61, 97, 127, 131, 251, 257, 263, 293),
                Arbitraries.of(6, 15, 16, 17, 32, 33, 47, 48, 63, 64, 65, 95, 96, 97, 191, 192, 193, 255, 256, 257));
    }

    @Provide
    Arbitrary<Float> scalarCoefficient() {
        return Arbitraries.oneOf(Arbitraries.of(0f, 1f, -1f, 0.5f), Arbitraries.floats().between(-2f, 2f));
    }

    @Property(tries = 600, seed = "20261129")
    void vectorMatchesScalar(@ForAll("size") int m, @ForAll("size") int n, @ForAll("size") int k,
                             @ForAll boolean transA, @ForAll boolean transB,
                             @ForAll("scalarCoefficient") float alpha, @ForAll("scalarCoefficient") float beta,
                             @ForAll long seed) {
        if (checkThisTry()) {
            check(reducedRows(m), reducedCols(n), k, transA, transB, alpha, beta, seed);
        }
    }

    static void check(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int padA = rng.nextInt(4), padB = rng.nextInt(4), padC = rng.nextInt(4);
        int aOff = rng.nextInt(9), bOff = rng.nextInt(9), cOff = rng.nextInt(9);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
        float[] a = random(rng, aOff + aRows * lda);
        float[] b = random(rng, bOff + bRows * ldb);
        float[] c0 = random(rng, cOff + m * ldc);
        float[] expected = c0.clone();
        float[] actual1 = c0.clone();
        float[] actual2 = c0.clone();
        float[] actual3 = c0.clone();
        SCALAR.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        VECTOR1.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual1, cOff, ldc);
        VECTOR2.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual2, cOff, ldc);
        VECTOR3.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual3, cOff, ldc);
        // Each entry is a k-term sum of products of values in [-1, 1]: its rounding error grows with k.
        float tol = 2e-6f * (k + 2) * Math.max(1f, Math.abs(alpha)) + 2e-6f * Math.abs(beta);
        for (int i = 0; i < c0.length; i++) {
            boolean inside = i >= cOff && (i - cOff) / ldc < m && (i - cOff) % ldc < n;
            if (!inside) {
                assertTrue(actual1[i] == c0[i], "wrote outside C at index " + i);
            } else {
                assertTrue(Math.abs(actual1[i] - expected[i]) <= tol,
                        () -> "mismatch at " + m + "x" + n + "x" + k + " tA=" + transA + " tB=" + transB);
            }
        }
        // Threads split output tiles, never the k-sum: bit-identical with 1 and 2 threads.
        assertArrayEquals(actual1, actual2);
        assertArrayEquals(actual1, actual3);
    }

    /**
     * The dense forward product with the bias added in the write-back: the same bits as sgemm
     * then addBias (also when k spans several KC blocks, so only the last block may add it), on
     * 1, 2 and 3 threads, and close to the scalar reference.
     */
    @Property(tries = 150, seed = "20261201")
    void linearEqualsSgemmThenAddBias(@ForAll("size") int anyRows, @ForAll("depth") int in, @ForAll("size") int anyOut,
                                      @ForAll long seed) {
        if (!checkThisTry()) return;
        int rows = reducedRows(anyRows), out = reducedCols(anyOut);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = random(rng, rows * in), w = random(rng, in * out), bias = random(rng, out);
        float[] twoPasses = new float[rows * out];
        VECTOR1.sgemm(false, false, rows, out, in, 1f, x, 0, in, w, 0, out, 0f, twoPasses, 0, out);
        VECTOR1.addBias(rows, out, twoPasses, bias);
        for (VectorKernels k : new VectorKernels[] {VECTOR1, VECTOR2, VECTOR3}) {
            float[] fused = new float[rows * out];
            java.util.Arrays.fill(fused, Float.NaN); // beta = 0: C is written, never read
            k.linear(rows, in, out, x, w, bias, fused);
            assertArrayEquals(twoPasses, fused, () -> rows + "x" + in + "x" + out + " on " + k.pool().size() + " threads");
        }
        float[] reference = new float[rows * out];
        SCALAR.linear(rows, in, out, x, w, bias, reference);
        for (int i = 0; i < reference.length; i++) {
            assertTrue(Math.abs(reference[i] - twoPasses[i]) <= 2e-6f * (in + 3), "vector and scalar linear differ at " + i);
        }
    }

    /** Inner dimensions around the KC block edges, so a product may take one, two or three k blocks. */
    @Provide
    Arbitrary<Integer> depth() {
        int kc = GemmTuning.KC, small = GemmTuning.KC_SMALL_C;
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 300),
                Arbitraries.of(kc - 1, kc, kc + 1, kc + kc / 2 + 7, 2 * kc + 3, small - 1, small + 1));
    }

    /**
     * Deeper than one KC block: equal k blocks (KC + 1 gives two of about KC/2, 2·KC + 77 three),
     * each accumulated onto C in order, with beta applied once, on every thread count.
     */
    @Test
    void deepProductsSpanSeveralKBlocks() {
        for (int k : REDUCED ? new int[] {GemmTuning.KC + 1} : new int[] {GemmTuning.KC + 1, 2 * GemmTuning.KC + 77}) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    check(REDUCED ? 13 : 37, REDUCED ? 2 * GemmTuning.NR + 3 : 45, k, transA, transB, 1f, 0.5f, 13L);
                    if (!REDUCED) check(200, 70, k, transA, transB, -0.5f, 0f, 14L);
                }
            }
        }
    }

    /**
     * KC_SMALL_C applies when the whole C is small, and every thread count must see the same k
     * blocks: here C has more than SMALL_C_FLOATS floats, but each worker's row share has fewer.
     * Meaningful only where KC_SMALL_C differs from KC (the 256-bit, 16-register row).
     */
    @Test
    void kBlocksComeFromTheWholeProductOnEveryThreadCount() {
        Assumptions.assumeTrue(!REDUCED && GemmTuning.KC_SMALL_C < GemmTuning.KC, "one KC for every C here");
        int n = 512;
        int m = (int) (GemmTuning.SMALL_C_FLOATS / n) + 8 * GemmTuning.MR;
        assertTrue((long) m * n > GemmTuning.SMALL_C_FLOATS && (long) (m / 2) * n <= GemmTuning.SMALL_C_FLOATS);
        assertTrue(VectorKernels.splitByRows(false, false, m, n));
        check(m, n, GemmTuning.KC_SMALL_C + 7, false, false, 1f, 0f, 21L);
    }

    /** Wider than one NC block per worker: several column blocks per worker, each re-packing A. */
    @Test
    void wideProductsMatchScalarOnEveryThreadCount() {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                check(REDUCED ? 7 : 29, 2 * GemmTuning.NC + 77, REDUCED ? 3 : 21, transA, transB, 1f, 0.5f, 11L);
            }
        }
    }

    /**
     * Split by rows, with blocks of B of at least SHARED_B_MIN_FLOATS: the workers pack each
     * block together, each its share of the panels (the last one partial), into one buffer that
     * all of them then read. Two NC blocks (the second narrow), a transposed B, and two k blocks
     * over 297 columns (a partial last panel at every width); a panel packed at the wrong offset, or read before it is
     * packed, shows here. Too slow for the Java fallback (REDUCED), which keeps the smaller cases above.
     */
    @Test
    void rowSplitsShareEachPackedBlockOfB() {
        Assumptions.assumeTrue(!REDUCED, "products this large are too slow on the Vector API's Java fallback");
        Assumptions.assumeTrue(GemmTuning.SHARED_B, "this width packs B per worker (GemmTuning.SHARED_B)");
        int n = GemmTuning.NC + GemmTuning.NR + 3;
        int k = (int) (GemmTuning.SHARED_B_MIN_FLOATS / GemmTuning.NC) + 5;
        int m = n / 2 + 3 * GemmTuning.MR + 1;
        assertTrue(VectorKernels.splitByRows(false, false, m, n));
        check(m, n, k, false, false, 1f, 0.5f, 23L);
        int mTransB = n + 1; // a transposed B costs twice as much to pack: the row split wants m ≥ n
        assertTrue(VectorKernels.splitByRows(false, true, mTransB, n));
        check(mTransB, n, k, false, true, -1f, 0f, 24L);
        int rows = 1000, cols = 297, deep = GemmTuning.KC + 1; // C above SMALL_C_FLOATS: k blocks of KC/2 + 1
        assertTrue(VectorGemm.kStep(rows, cols, deep) * (long) cols >= GemmTuning.SHARED_B_MIN_FLOATS);
        check(rows, cols, deep, true, false, 1f, 0.5f, 25L);
    }

    /**
     * Tall products, which the workers split by MR-row tiles (rows not a multiple of MR, several
     * MC blocks per worker, both transposes), and the wide ones above, which they split by columns.
     */
    @Test
    void tallProductsSplitByRowsMatchScalarOnEveryThreadCount() {
        int m = 3 * GemmTuning.MC + 7 * GemmTuning.MR + 5;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                assertTrue(VectorKernels.splitByRows(transA, transB, m, 45));
                assertTrue(!VectorKernels.splitByRows(transA, transB, 29, 2 * GemmTuning.NC + 77));
                check(m, REDUCED ? 11 : 45, REDUCED ? 9 : 300, transA, transB, 1f, 0.5f, 12L);
            }
        }
    }

    /** The skinny path (n ≤ one vector, B not transposed) with row tiles and their remainders. */
    @Property(tries = 200, seed = "20261130")
    void narrowOutputsMatchScalar(@ForAll("size") int m, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 16) int n,
                                  @ForAll("size") int k, @ForAll boolean transA,
                                  @ForAll("scalarCoefficient") float alpha, @ForAll("scalarCoefficient") float beta,
                                  @ForAll long seed) {
        if (checkThisTry()) check(reducedRows(m), n, k, transA, false, alpha, beta, seed);
    }

    /**
     * The wide narrow path (two or three vectors of C per row): every row count up to three
     * tiles of six, so each mix of 6-row, 4-row, 3-row and single-row tiles runs, at the widths
     * of the 10-class layer and the path's edges.
     */
    @Test
    void wideNarrowPathOnEveryRowRemainder() {
        int lanes = GemmTuning.LANES;
        int[] cols = {lanes + 1, 10, GemmTuning.NARROW_MAX_COLS - 1, GemmTuning.NARROW_MAX_COLS};
        for (int m = 1; m <= (REDUCED ? 14 : 20); m++) {
            for (int n : cols) {
                if (n <= lanes || n > GemmTuning.NARROW_MAX_COLS) continue;
                for (boolean transA : new boolean[] {false, true}) {
                    check(m, n, REDUCED ? 9 : 37, transA, false, 1f, m % 2 == 0 ? 0f : 0.5f, 97L * m + n);
                }
            }
        }
    }

    /**
     * The narrow path with A not transposed (as dot products at 16 lanes, {@link DotGemm}): rows
     * around its 8-row tiles, odd and even column counts, depths around whole vectors; A's row
     * padding holds NaN, which a load past k would carry into C. 1, 2 and 3 threads, same bits.
     */
    @Test
    void narrowUntransposedAOnEveryEdgeNeverReadsPastK() {
        int[] depths = REDUCED ? new int[] {1, 17} : new int[] {1, 15, 16, 17, 33, 100};
        for (int m : new int[] {1, 7, 8, 9, 17, 24}) {
            for (int n : new int[] {1, 2, 9, 10, 15, 16}) {
                for (int k : depths) {
                    if (n > GemmTuning.NARROW_MAX_COLS) continue;
                    SplittableRandom rng = new SplittableRandom(1000L * m + 10L * n + k);
                    int lda = k + 5;
                    float[] a = random(rng, 3 + m * lda);
                    for (int i = 0; i < a.length; i++) {
                        if (i < 3 || (i - 3) % lda >= k) a[i] = Float.NaN;
                    }
                    float[] b = random(rng, k * n);
                    float[] expected = random(rng, m * n);
                    float[] c1 = expected.clone(), c2 = expected.clone(), c3 = expected.clone();
                    SCALAR.sgemm(false, false, m, n, k, 0.5f, a, 3, lda, b, 0, n, -1f, expected, 0, n);
                    VECTOR1.sgemm(false, false, m, n, k, 0.5f, a, 3, lda, b, 0, n, -1f, c1, 0, n);
                    VECTOR2.sgemm(false, false, m, n, k, 0.5f, a, 3, lda, b, 0, n, -1f, c2, 0, n);
                    VECTOR3.sgemm(false, false, m, n, k, 0.5f, a, 3, lda, b, 0, n, -1f, c3, 0, n);
                    for (int i = 0; i < expected.length; i++) {
                        int at = i;
                        assertTrue(Math.abs(c1[i] - expected[i]) <= 2e-6f * (k + 3),
                                () -> "mismatch at " + m + "x" + n + "x" + k + " entry " + at + ": " + c1[at]);
                    }
                    assertArrayEquals(c1, c2);
                    assertArrayEquals(c1, c3);
                }
            }
        }
    }

    /**
     * Transposed A (the dW = Xᵀ·dY products) on rows around every tile height: the case a
     * packing branch once read as if A were not transposed whenever MR exceeded the lane count.
     */
    @Test
    void transposedAOnEveryTileEdge() {
        int mr = GemmTuning.MR;
        int[] rows = {1, 12, 13, 17, 25, 37, mr - 1, mr, mr + 1, 2 * mr + 1, 3 * mr};
        int[] cols = {GemmTuning.LANES - 1, GemmTuning.LANES + 1, GemmTuning.NR, 2 * GemmTuning.NR + 3};
        for (int m : rows) {
            for (int n : cols) {
                if (m < 1 || n < 1) continue;
                for (boolean transB : new boolean[] {false, true}) {
                    check(m, n, REDUCED ? 7 : 45, true, transB, 1f, 0.5f, 31L * m + n);
                    check(m, n, REDUCED ? 5 : 19, false, transB, -1f, 0f, 17L * m + n);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 37, n = 45, k = 19;
        float[] a = random(rng, m * k), b = random(rng, k * n);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        VECTOR1.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        for (float v : c) assertFalse(Float.isNaN(v));
    }

    @Test
    void emptyKScalesC() {
        float[] c = {1f, 2f, 3f, 4f};
        float[] expected = c.clone();
        SCALAR.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, expected, 0, 2);
        VECTOR1.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(expected, c);
        // With no inputs a dense layer's output is its bias (wider than one vector, so not the narrow path).
        float[] bias = random(new SplittableRandom(5), 20);
        float[] y = new float[2 * 20];
        VECTOR1.linear(2, 0, 20, new float[0], new float[0], bias, y);
        float[] twoRowsOfBias = new float[2 * 20];
        System.arraycopy(bias, 0, twoRowsOfBias, 0, 20);
        System.arraycopy(bias, 0, twoRowsOfBias, 20, 20);
        assertArrayEquals(twoRowsOfBias, y);
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble(-1, 1);
        return x;
    }
}
