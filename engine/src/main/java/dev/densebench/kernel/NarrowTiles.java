package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import java.lang.invoke.VarHandle;
import jdk.incubator.vector.FloatVector;

/**
 * The register tiles of {@link NarrowGemm}, one unrolled method per shape (rows × vectors of C):
 * for p in [0, k), acc[r][v] += A(i + r, p) · Bpadded[p, v·LANES : (v+1)·LANES], A read in place
 * at a[ap + r·rs + p·ps] (rs, ps: the row and k strides of op(A)), B padded by
 * {@link NarrowGemm#padB} to 1, 2 or 3 vectors per k step. The accumulators are locals of one
 * method (C2 keeps them in registers only so) and are spilled once, at the end, to {@code tile}
 * (row r, vector v at (r·V + v)·LANES), from which the caller writes C. All sum k in order, so
 * which tile runs never changes a result's bits.
 */
final class NarrowTiles {
    private NarrowTiles() {
    }

    /**
     * Fences between the rows of a tile keep one broadcast live at a time where registers are
     * short (16: x86, where the fence is no instruction); see {@link TilesFor16Registers}. With 32
     * registers there is room without, and on aarch64 the fence would be a real barrier.
     */
    static final boolean FENCED = GemmTuning.REGISTERS == 16;

    /** Six rows × two vectors of C over all of k, spilled to {@code tile} (row r at 2·r·LANES). */
    static void hexRowsTwoVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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
    static void quadRowsTwoVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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
    static void hexRowsThreeVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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

    /**
     * {@link #hexRowsThreeVectors} for an untransposed A (ps = 1, rs = lda): row r is read at
     * {@code a[base_r + p]}, six loop-invariant bases plus the loop counter, a form whose range
     * checks C2 hoists out of the loop; {@code a[ap + r·rs]} with a running ap keeps six checks
     * per k step inside it (hsdis).
     */
    static void hexRowsThreeVectorsRowBases(int k, float[] a, int ap, int lda, float[] b, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
        int r0 = ap, r1 = ap + lda, r2 = ap + 2 * lda, r3 = ap + 3 * lda, r4 = ap + 4 * lda, r5 = ap + 5 * lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, 3 * p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, (3 * p + 1) * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, (3 * p + 2) * LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, a[r0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c02 = x0.fma(b2, c02);
            FloatVector x1 = FloatVector.broadcast(SPECIES, a[r1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c12 = x1.fma(b2, c12);
            FloatVector x2 = FloatVector.broadcast(SPECIES, a[r2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c22 = x2.fma(b2, c22);
            FloatVector x3 = FloatVector.broadcast(SPECIES, a[r3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c32 = x3.fma(b2, c32);
            FloatVector x4 = FloatVector.broadcast(SPECIES, a[r4 + p]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c42 = x4.fma(b2, c42);
            FloatVector x5 = FloatVector.broadcast(SPECIES, a[r5 + p]);
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

    /** Four rows × three vectors: 12 accumulators + 3 B + 1 broadcast = 16 registers, fenced where there are 16. */
    static void quadRowsThreeVectors(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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

    /** Twelve rows × one vector of C, accumulated over all of k, spilled to {@code tile}. */
    static void tileRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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
    static void octRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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
    static void quadRows(int k, float[] a, int ap, int rs, int ps, float[] b, float[] tile) {
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
}
