package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import java.lang.invoke.VarHandle;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The skinny path: C = alpha·op(A)·B + beta·C when C has at most one vector of columns
 * (n ≤ LANES, e.g. the 10-class output layer and its weight gradient). Packing B into 32-wide
 * panels would pad 10 columns to 32 and triple the work; instead B is copied once into rows of
 * exactly one vector (zero-padded), so the hot loop has one plain aligned load per k step and
 * {@link #ROWS} rows of C in registers. (Masked loads straight from B were measured to make C2's
 * code bimodal here — 16 or 79 GFLOP/s from one run to the next — because the last rows of B
 * take the masked load's out-of-bounds slow path.)
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

    /**
     * Fences between the rows of a tile keep one broadcast live at a time where registers are
     * short (16: x86, where the fence is no instruction); see {@link TilesFor16Registers}. With 32
     * registers there is room without, and on aarch64 the fence would be a real barrier.
     */
    private static final boolean FENCED = GemmTuning.REGISTERS == 16;

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
     * SSE/NEON), from B padded to two or three vectors per k step: tiles of 6 rows × 2 vectors, or
     * 6 × 3 with 32 registers and 4 × 3 with 16 (12, 18 and 12 accumulators; fenced on 16
     * registers), then 4 × 2 or 3 × 3, then single rows. Against 3 × 3 alone at 128 bits,
     * alternated in one JVM: 6 × 3 1.26× at 128x512x10 and 1.24× at tn:512x128x10, 4 × 3 1.19× and 1.15×.
     */
    static void computeWide(boolean transA, int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, float beta, float[] c, int cOff, int ldc, float[] tile) {
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        int i = i0;
        if (vectorsFor(n) == 3) {
            for (; !FENCED && i + 6 <= i1; i += 6) {
                hexRowsThreeVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(6, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
            for (; FENCED && i + 4 <= i1; i += 4) {
                quadRowsThreeVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(4, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
            for (; i + 3 <= i1; i += 3) {
                tripleRowsThreeVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(3, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
        } else {
            // Six rows at a time, but end on two four-row tiles rather than leave 2 or 3 single rows.
            int six = (i1 - i0) / 6;
            if (six > 0 && ((i1 - i0) % 6 == 2 || (i1 - i0) % 6 == 3)) {
                six--;
            }
            for (int t = 0; t < six; t++, i += 6) {
                hexRowsTwoVectors(k, a, aOff + i * rs, rs, ps, b, tile);
                writeBack(6, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
            }
            for (; i + 4 <= i1; i += 4) {
                quadRowsTwoVectors(k, a, aOff + i * rs, rs, ps, b, tile);
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

    /** Six rows × two vectors of C over all of k, spilled to {@code tile} (row r at 2·r·LANES). */
    private static void hexRowsTwoVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, 2 * p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (2 * p + 1) * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 4 * rs]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 5 * rs]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, 2 * LANES);
        c11.intoArray(tile, 3 * LANES);
        c20.intoArray(tile, 4 * LANES);
        c21.intoArray(tile, 5 * LANES);
        c30.intoArray(tile, 6 * LANES);
        c31.intoArray(tile, 7 * LANES);
        c40.intoArray(tile, 8 * LANES);
        c41.intoArray(tile, 9 * LANES);
        c50.intoArray(tile, 10 * LANES);
        c51.intoArray(tile, 11 * LANES);
    }

    /** Four rows × two vectors of C over all of k (8 accumulators, no fence needed), spilled to {@code tile}. */
    private static void quadRowsTwoVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, 2 * p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (2 * p + 1) * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, 2 * LANES);
        c11.intoArray(tile, 3 * LANES);
        c20.intoArray(tile, 4 * LANES);
        c21.intoArray(tile, 5 * LANES);
        c30.intoArray(tile, 6 * LANES);
        c31.intoArray(tile, 7 * LANES);
    }

    /** Six rows × three vectors of C over all of k (18 accumulators: 32 registers only), spilled to {@code tile} (row r at 3·r·LANES). */
    private static void hexRowsThreeVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, 3 * p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (3 * p + 1) * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, (3 * p + 2) * LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c02 = x0.fma(b2, c02);
            FloatVector x1 = FloatVector.broadcast(SPECIES, a[ap + rs]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c12 = x1.fma(b2, c12);
            FloatVector x2 = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c22 = x2.fma(b2, c22);
            FloatVector x3 = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c32 = x3.fma(b2, c32);
            FloatVector x4 = FloatVector.broadcast(SPECIES, a[ap + 4 * rs]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c42 = x4.fma(b2, c42);
            FloatVector x5 = FloatVector.broadcast(SPECIES, a[ap + 5 * rs]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            c52 = x5.fma(b2, c52);
        }
        c00.intoArray(tile, 0 * LANES);
        c01.intoArray(tile, 1 * LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, 3 * LANES);
        c11.intoArray(tile, 4 * LANES);
        c12.intoArray(tile, 5 * LANES);
        c20.intoArray(tile, 6 * LANES);
        c21.intoArray(tile, 7 * LANES);
        c22.intoArray(tile, 8 * LANES);
        c30.intoArray(tile, 9 * LANES);
        c31.intoArray(tile, 10 * LANES);
        c32.intoArray(tile, 11 * LANES);
        c40.intoArray(tile, 12 * LANES);
        c41.intoArray(tile, 13 * LANES);
        c42.intoArray(tile, 14 * LANES);
        c50.intoArray(tile, 15 * LANES);
        c51.intoArray(tile, 16 * LANES);
        c52.intoArray(tile, 17 * LANES);
    }

    /** Four rows × three vectors (12 accumulators + 3 B + 1 broadcast = 16 registers, fenced). */
    private static void quadRowsThreeVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, (3 * p + 0) * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (3 * p + 1) * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, (3 * p + 2) * LANES);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(tile, 0 * LANES);
        c01.intoArray(tile, 1 * LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, 3 * LANES);
        c11.intoArray(tile, 4 * LANES);
        c12.intoArray(tile, 5 * LANES);
        c20.intoArray(tile, 6 * LANES);
        c21.intoArray(tile, 7 * LANES);
        c22.intoArray(tile, 8 * LANES);
        c30.intoArray(tile, 9 * LANES);
        c31.intoArray(tile, 10 * LANES);
        c32.intoArray(tile, 11 * LANES);
    }

    /** Three rows × three vectors of C over all of k (9 accumulators), spilled to {@code tile} (row r at 3·r·LANES). */
    private static void tripleRowsThreeVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, 3 * p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (3 * p + 1) * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, (3 * p + 2) * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            if (FENCED) VarHandle.loadLoadFence();
            x = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, 3 * LANES);
        c11.intoArray(tile, 4 * LANES);
        c12.intoArray(tile, 5 * LANES);
        c20.intoArray(tile, 6 * LANES);
        c21.intoArray(tile, 7 * LANES);
        c22.intoArray(tile, 8 * LANES);
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
                tileRows(k, a, aOff + i * rs, rs, ps, b, tile);
            } else if (ROWS == 8) {
                octRows(k, a, aOff + i * rs, rs, ps, b, tile);
            } else {
                quadRows(k, a, aOff + i * rs, rs, ps, b, tile);
            }
            writeBack(ROWS, n, alpha, beta, c, cOff + i * ldc, ldc, tile);
        }
        for (; i + 4 <= i1; i += 4) {
            // Remainder rows four at a time: four independent FMA chains instead of one.
            quadRows(k, a, aOff + i * rs, rs, ps, b, tile);
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

    /** Twelve rows × one vector of C, accumulated over all of k, spilled to {@code tile}. */
    private static void tileRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        FloatVector c6 = z, c7 = z, c8 = z, c9 = z, c10 = z, c11 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ap + rs]).fma(bv, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]).fma(bv, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]).fma(bv, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ap + 4 * rs]).fma(bv, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ap + 5 * rs]).fma(bv, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ap + 6 * rs]).fma(bv, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ap + 7 * rs]).fma(bv, c7);
            c8 = FloatVector.broadcast(SPECIES, a[ap + 8 * rs]).fma(bv, c8);
            c9 = FloatVector.broadcast(SPECIES, a[ap + 9 * rs]).fma(bv, c9);
            c10 = FloatVector.broadcast(SPECIES, a[ap + 10 * rs]).fma(bv, c10);
            c11 = FloatVector.broadcast(SPECIES, a[ap + 11 * rs]).fma(bv, c11);
        }
        c0.intoArray(tile, 0 * LANES);
        c1.intoArray(tile, 1 * LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        c4.intoArray(tile, 4 * LANES);
        c5.intoArray(tile, 5 * LANES);
        c6.intoArray(tile, 6 * LANES);
        c7.intoArray(tile, 7 * LANES);
        c8.intoArray(tile, 8 * LANES);
        c9.intoArray(tile, 9 * LANES);
        c10.intoArray(tile, 10 * LANES);
        c11.intoArray(tile, 11 * LANES);
    }

    /** Eight rows × one vector of C over all of k, spilled to {@code tile}. */
    private static void octRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ap + rs]).fma(bv, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]).fma(bv, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]).fma(bv, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ap + 4 * rs]).fma(bv, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ap + 5 * rs]).fma(bv, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ap + 6 * rs]).fma(bv, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ap + 7 * rs]).fma(bv, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        c4.intoArray(tile, 4 * LANES);
        c5.intoArray(tile, 5 * LANES);
        c6.intoArray(tile, 6 * LANES);
        c7.intoArray(tile, 7 * LANES);
    }

    /** Four rows × one vector of C over all of k, spilled to {@code tile}. */
    private static void quadRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < k; p++, ap += ps) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ap + rs]).fma(bv, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ap + 2 * rs]).fma(bv, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ap + 3 * rs]).fma(bv, c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
    }

    /**
     * C[r, 0:n] = alpha·tile[r] + beta·C[r, 0:n] for {@code rows} rows (beta = 0 never reads C).
     * A tile row is {@link #vectorsFor}(n) vectors, each masked to the columns left.
     */
    private static void writeBack(int rows, int n, float alpha, float beta, float[] c, int ci, int ldc, float[] tile) {
        int vectors = vectorsFor(n);
        for (int r = 0; r < rows; r++, ci += ldc) {
            for (int v = 0; v < vectors; v++) {
                VectorMask<Float> valid = SPECIES.indexInRange(v * LANES, n);
                FloatVector out = FloatVector.fromArray(SPECIES, tile, (r * vectors + v) * LANES).mul(alpha);
                if (beta != 0f) {
                    out = FloatVector.fromArray(SPECIES, c, ci + v * LANES, valid).mul(beta).add(out);
                }
                out.intoArray(c, ci + v * LANES, valid);
            }
        }
    }
}
