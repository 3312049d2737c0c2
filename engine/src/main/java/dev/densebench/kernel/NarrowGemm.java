package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The skinny path: C = alpha·op(A)·B + beta·C when C has at most a few vectors of columns
 * (n ≤ {@link GemmTuning#NARROW_MAX_COLS}, e.g. the 10-class output layer and its weight
 * gradient). Packing B into 32-wide panels would pad 10 columns to 32 and triple the work;
 * instead B is copied once into rows of exactly one, two or three vectors (zero-padded), A is read
 * in place, and a register tile of {@link NarrowTiles} holds several rows of C. (Masked loads
 * straight from B were measured to make C2's code bimodal here — 16 or 79 GFLOP/s from one run to
 * the next — because the last rows of B take the masked load's out-of-bounds slow path.)
 * Rows of C are independent: workers split them, and the k order never changes. Masks, like
 * vectors, are rebuilt inside each method rather than passed: C2 boxes either when it does
 * not inline the callee.
 */
final class NarrowGemm {
    private NarrowGemm() {
    }

    /**
     * Rows of C per register tile, one accumulator vector each: 12 with 32 registers, 8 with 16
     * (12 accumulators + B + the broadcasts C2 hoists would spill); from {@link GemmTuning}.
     */
    static final int ROWS = GemmTuning.NARROW_ROWS;

    /** Vectors per padded row of B: n ≤ LANES takes one; wider C up to {@link GemmTuning#NARROW_MAX_COLS}, two or three. */
    static int vectorsFor(int n) {
        return (n + LANES - 1) / LANES;
    }

    /** Copies B (k × n) into {@code padded} as k rows of {@link #vectorsFor}(n) vectors, zero beyond n. */
    static void padB(float[] b, int bOff, int ldb, int k, int n, float[] padded) {
        int w = vectorsFor(n) * LANES;
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, bOff + p * ldb, padded, p * w, n);
            java.util.Arrays.fill(padded, p * w + n, (p + 1) * w, 0f);
        }
    }

    /**
     * Rows [i0, i1) of C when LANES < n ≤ 3·LANES (the 10-class layer on 8-lane AVX2 and 4-lane
     * SSE/NEON), from B padded to two or three vectors per k step. Two vectors: tiles of 6 rows
     * (12 accumulators), then 4, then single rows. Three: 6 rows with 32 registers (18
     * accumulators), then 4 (12, fenced on 16 registers), then single rows. Against the 3 × 3
     * tile these replaced, at 128 bits, alternated in one JVM: 6 × 3 1.26× at 128x512x10 and 1.24×
     * at tn:512x128x10, 4 × 3 1.19× and 1.15×. For an untransposed A the 6 × 3 tile reads each
     * row from its own base (no range check per row and k step) and the last rows go to 4-row
     * tiles: 1.16× at 128x512x10 (128 bits, 32 registers).
     */
    static void computeWide(boolean transA, int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, float beta, float[] c, int cOff, int ldc, float[] tile) {
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        int i = i0;
        if (vectorsFor(n) == 3) {
            int six = NarrowTiles.FENCED ? 0 : sixRowTiles(i1 - i0);
            for (int t = 0; t < six; t++, i += 6) {
                if (!transA) {
                    NarrowTiles.hexRowsThreeVectorsRowBases(k, a, aOff + i * rs, lda, b, tile);
                } else {
                    NarrowTiles.hexRowsThreeVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                }
                writeBack(6, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
            for (; i + 4 <= i1; i += 4) {
                NarrowTiles.quadRowsThreeVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(4, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
        } else {
            int six = sixRowTiles(i1 - i0);
            for (int t = 0; t < six; t++, i += 6) {
                NarrowTiles.hexRowsTwoVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(6, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
            for (; i + 4 <= i1; i += 4) {
                NarrowTiles.quadRowsTwoVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(4, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
        }
        int w = vectorsFor(n) * LANES;
        for (; i < i1; i++) {
            FloatVector lo = FloatVector.zero(SPECIES), mid = lo, hi = lo;
            int ap = aOff + i * rs;
            for (int p = 0; p < k; p++, ap += ps) {
                FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
                lo = x.fma(FloatVector.fromArray(SPECIES, b, p * w), lo);
                mid = x.fma(FloatVector.fromArray(SPECIES, b, p * w + LANES), mid);
                if (w == 3 * LANES) {
                    hi = x.fma(FloatVector.fromArray(SPECIES, b, p * w + 2 * LANES), hi);
                }
            }
            lo.intoArray(tile, 0);
            mid.intoArray(tile, LANES);
            hi.intoArray(tile, 2 * LANES);
            writeBack(1, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
        }
    }

    /**
     * Six-row tiles for {@code rows} rows: as many as fit, less one when that would leave 2 or 3
     * rows, so the rest goes to two four-row tiles (128 rows: 20 × 6 + 2 × 4) rather than to
     * single rows, whose one FMA chain per vector waits out the FMA latency at every k step.
     */
    private static int sixRowTiles(int rows) {
        int six = rows / 6;
        return six > 0 && (rows % 6 == 2 || rows % 6 == 3) ? six - 1 : six;
    }

    /**
     * Computes rows [i0, i1) of C from B padded by {@link #padB}; {@code tile} holds ROWS·LANES
     * floats of scratch.
     */
    static void compute(boolean transA, int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                        float[] b, float beta, float[] c, int cOff, int ldc, float[] tile) {
        // A(i, p) sits at a[aOff + i·rs + p·ps]: rows are contiguous unless A is transposed.
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        int i = i0;
        for (; i + ROWS <= i1; i += ROWS) {
            if (ROWS == 12) {
                NarrowTiles.tileRows(k, a, aOff + i * rs, rs, ps, b, tile);
            } else if (ROWS == 8) {
                NarrowTiles.octRows(k, a, aOff + i * rs, rs, ps, b, tile);
            } else {
                NarrowTiles.quadRows(k, a, aOff + i * rs, rs, ps, b, tile);
            }
            writeBack(ROWS, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
        }
        for (; i + 4 <= i1; i += 4) {
            // Remainder rows four at a time: four independent FMA chains instead of one.
            NarrowTiles.quadRows(k, a, aOff + i * rs, rs, ps, b, tile);
            writeBack(4, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
        }
        for (; i < i1; i++) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int ap = aOff + i * rs;
            for (int p = 0; p < k; p++, ap += ps) {
                acc = FloatVector.broadcast(SPECIES, a[ap]).fma(FloatVector.fromArray(SPECIES, b, p * LANES), acc);
            }
            acc.intoArray(tile, 0);
            writeBack(1, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
        }
    }

    /**
     * C[r, 0:n] = alpha·tile[r] + beta·C[r, 0:n] for {@code rows} rows (beta = 0 never reads C).
     * A tile row is {@link #vectorsFor}(n) vectors, each masked to the columns left.
     */
    private static void writeBack(int rows, int n, float alpha, float beta, float[] c, int ci, int ldc, float[] tile) {
        int vectors = vectorsFor(n);
        for (int v = 0; v < vectors; v++) {
            // One mask per column vector, for every row.
            VectorMask<Float> valid = SPECIES.indexInRange(v * LANES, n);
            for (int r = 0; r < rows; r++) {
                int cr = ci + r * ldc + v * LANES;
                FloatVector out = FloatVector.fromArray(SPECIES, tile, (r * vectors + v) * LANES).mul(alpha);
                if (beta != 0f) {
                    out = FloatVector.fromArray(SPECIES, c, cr, valid).mul(beta).add(out);
                }
                out.intoArray(c, cr, valid);
            }
        }
    }
}
