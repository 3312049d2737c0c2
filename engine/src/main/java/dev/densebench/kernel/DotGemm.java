package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * The narrow path as dot products, for 16-lane vectors (512 bits) and an untransposed A: C =
 * alpha·A·B + beta·C with n ≤ 16 (the 10-class output layer). {@link NarrowGemm} would keep one
 * vector of C per row and fill 10 of its 16 lanes; here every lane works. B is copied transposed
 * (Bᵀ: n rows of k, zero-padded to whole vectors), and C[i, j] = A[i, :]·Bᵀ[j, :] runs along k
 * over A's rows in place: a tile of 8 rows × 2 columns keeps 16 accumulators (+ 8 rows of A + 1
 * of Bᵀ = 25 of 32 registers), each the 16 lane-wise partial sums of one entry of C.
 *
 * <p>The 16 accumulators are then folded into one vector of 16 sums by a butterfly (4 levels,
 * 15 merges of two blends, one lane swap and one add), not by 16 {@code reduceLanes}: that may
 * add in any order, and the interpreted and compiled engines must give the same bits. Each
 * entry's sum has one fixed order, whichever tile or thread computes it. Measured against
 * NarrowGemm in one JVM, in docs/performance-notes.md.
 */
final class DotGemm {
    private DotGemm() {
    }

    /** Rows of C per tile (columns: 2). */
    static final int ROWS = 8;

    /** Rows of Bᵀ hold k rounded up to whole vectors, zero beyond k. */
    static int paddedDepth(int k) {
        return (k + LANES - 1) / LANES * LANES;
    }

    /**
     * bt[j·kp + p] = B[p, j] for j < n and p < k, zero for k ≤ p < kp ({@link #paddedDepth}).
     * Blocks of 16 rows of B are loaded as 16 vectors (lanes past n belong to the next row and
     * are never stored) and transposed in registers ({@link #transposeBlock}); a block whose last
     * vector would reach past the array's end, or past k, goes through a zero-padded copy in
     * {@code scratch} (256 floats): 1.2 µs for 512 × 10. Gathers took 0.8 µs where C2 intrinsified
     * them, but not in every compilation (seen in the test suite: the allocating Java fallback
     * after warm-up); a scalar copy took 3.7 µs, a quarter of the product.
     */
    static void transposeB(float[] b, int bOff, int ldb, int k, int n, float[] bt, float[] scratch) {
        int kp = paddedDepth(k);
        for (int p0 = 0; p0 < k; p0 += LANES) {
            boolean inPlace = p0 + LANES <= k && bOff + (p0 + LANES - 1) * ldb + LANES <= b.length;
            float[] src = b;
            int at = bOff + p0 * ldb, step = ldb;
            if (!inPlace) {
                java.util.Arrays.fill(scratch, 0, LANES * LANES, 0f);
                for (int p = p0; p < Math.min(k, p0 + LANES); p++) {
                    System.arraycopy(b, bOff + p * ldb, scratch, (p - p0) * LANES, n);
                }
                src = scratch;
                at = 0;
                step = LANES;
            }
            transposeBlock(src, at, step, n, bt, p0, kp);
        }
    }

    /** Rows [i0, i1) of C from Bᵀ made by {@link #transposeB}; {@code tile} holds {@link #SCRATCH} floats of scratch. */
    static void compute(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                        float[] bt, float beta, float[] c, int cOff, int ldc, float[] tile) {
        int kp = paddedDepth(k);
        for (int i = i0; i < i1; i += ROWS) {
            int rows = Math.min(ROWS, i1 - i);
            copyTail(rows, k, a, aOff + i * lda, lda, tile);
            for (int j = 0; j < n; j += 2) {
                int cols = Math.min(2, n - j);
                // A last tile short of rows or columns repeats its last row or column (in bounds,
                // and each entry's sum is its own): only the real ones are written.
                tile(rows, k, a, aOff + i * lda, lda, bt, j * kp, (j + cols - 1) * kp, tile);
                for (int r = 0; r < rows; r++) {
                    int ci = cOff + (i + r) * ldc + j;
                    for (int q = 0; q < cols; q++) {
                        float sum = alpha * tile[laneOf(2 * r + q)];
                        c[ci + q] = beta == 0f ? sum : sum + beta * c[ci + q];
                    }
                }
            }
        }
    }

    /** The butterfly leaves the sum of accumulator q (= 2·row + column) in lane bit-reverse(q). */
    private static int laneOf(int q) {
        return Integer.reverse(q) >>> 28;
    }

    private static final VectorShuffle<Float> SWAP8 = VectorShuffle.fromOp(SPECIES, l -> l ^ 8);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(SPECIES, l -> l ^ 4);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(SPECIES, l -> l ^ 2);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(SPECIES, l -> l ^ 1);
    private static final VectorMask<Float> BIT8 = VectorMask.fromLong(SPECIES, 0xFF00L);
    private static final VectorMask<Float> BIT4 = VectorMask.fromLong(SPECIES, 0xF0F0L);
    private static final VectorMask<Float> BIT2 = VectorMask.fromLong(SPECIES, 0xCCCCL);
    private static final VectorMask<Float> BIT1 = VectorMask.fromLong(SPECIES, 0xAAAAL);

    /** Scratch floats that {@link #compute}'s {@code tile} must hold: the 16 sums and 8 rows of a k tail. */
    static final int SCRATCH = LANES + ROWS * LANES;

    /**
     * Rows 0..15 of src (at {@code at + r·step}, 16 floats each) transposed into bt[j·kp + p0 ...]
     * for j < n. Four stages of a block transpose: at distance d = 8, 4, 2, 1 each pair of rows
     * (i, i + d) swaps its off-diagonal d × d blocks (a lane swap and a blend each way).
     */
    private static void transposeBlock(float[] src, int at, int step, int n, float[] bt, int p0, int kp) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, src, at), v1 = FloatVector.fromArray(SPECIES, src, at + step);
        FloatVector v2 = FloatVector.fromArray(SPECIES, src, at + 2 * step), v3 = FloatVector.fromArray(SPECIES, src, at + 3 * step);
        FloatVector v4 = FloatVector.fromArray(SPECIES, src, at + 4 * step), v5 = FloatVector.fromArray(SPECIES, src, at + 5 * step);
        FloatVector v6 = FloatVector.fromArray(SPECIES, src, at + 6 * step), v7 = FloatVector.fromArray(SPECIES, src, at + 7 * step);
        FloatVector v8 = FloatVector.fromArray(SPECIES, src, at + 8 * step), v9 = FloatVector.fromArray(SPECIES, src, at + 9 * step);
        FloatVector va = FloatVector.fromArray(SPECIES, src, at + 10 * step), vb = FloatVector.fromArray(SPECIES, src, at + 11 * step);
        FloatVector vc = FloatVector.fromArray(SPECIES, src, at + 12 * step), vd = FloatVector.fromArray(SPECIES, src, at + 13 * step);
        FloatVector ve = FloatVector.fromArray(SPECIES, src, at + 14 * step), vf = FloatVector.fromArray(SPECIES, src, at + 15 * step);
        FloatVector t;
        // d = 8: rows (i, i+8)
        t = v0; v0 = t.blend(v8.rearrange(SWAP8), BIT8); v8 = t.rearrange(SWAP8).blend(v8, BIT8);
        t = v1; v1 = t.blend(v9.rearrange(SWAP8), BIT8); v9 = t.rearrange(SWAP8).blend(v9, BIT8);
        t = v2; v2 = t.blend(va.rearrange(SWAP8), BIT8); va = t.rearrange(SWAP8).blend(va, BIT8);
        t = v3; v3 = t.blend(vb.rearrange(SWAP8), BIT8); vb = t.rearrange(SWAP8).blend(vb, BIT8);
        t = v4; v4 = t.blend(vc.rearrange(SWAP8), BIT8); vc = t.rearrange(SWAP8).blend(vc, BIT8);
        t = v5; v5 = t.blend(vd.rearrange(SWAP8), BIT8); vd = t.rearrange(SWAP8).blend(vd, BIT8);
        t = v6; v6 = t.blend(ve.rearrange(SWAP8), BIT8); ve = t.rearrange(SWAP8).blend(ve, BIT8);
        t = v7; v7 = t.blend(vf.rearrange(SWAP8), BIT8); vf = t.rearrange(SWAP8).blend(vf, BIT8);
        // d = 4: rows (i, i+4) within each half
        t = v0; v0 = t.blend(v4.rearrange(SWAP4), BIT4); v4 = t.rearrange(SWAP4).blend(v4, BIT4);
        t = v1; v1 = t.blend(v5.rearrange(SWAP4), BIT4); v5 = t.rearrange(SWAP4).blend(v5, BIT4);
        t = v2; v2 = t.blend(v6.rearrange(SWAP4), BIT4); v6 = t.rearrange(SWAP4).blend(v6, BIT4);
        t = v3; v3 = t.blend(v7.rearrange(SWAP4), BIT4); v7 = t.rearrange(SWAP4).blend(v7, BIT4);
        t = v8; v8 = t.blend(vc.rearrange(SWAP4), BIT4); vc = t.rearrange(SWAP4).blend(vc, BIT4);
        t = v9; v9 = t.blend(vd.rearrange(SWAP4), BIT4); vd = t.rearrange(SWAP4).blend(vd, BIT4);
        t = va; va = t.blend(ve.rearrange(SWAP4), BIT4); ve = t.rearrange(SWAP4).blend(ve, BIT4);
        t = vb; vb = t.blend(vf.rearrange(SWAP4), BIT4); vf = t.rearrange(SWAP4).blend(vf, BIT4);
        // d = 2
        t = v0; v0 = t.blend(v2.rearrange(SWAP2), BIT2); v2 = t.rearrange(SWAP2).blend(v2, BIT2);
        t = v1; v1 = t.blend(v3.rearrange(SWAP2), BIT2); v3 = t.rearrange(SWAP2).blend(v3, BIT2);
        t = v4; v4 = t.blend(v6.rearrange(SWAP2), BIT2); v6 = t.rearrange(SWAP2).blend(v6, BIT2);
        t = v5; v5 = t.blend(v7.rearrange(SWAP2), BIT2); v7 = t.rearrange(SWAP2).blend(v7, BIT2);
        t = v8; v8 = t.blend(va.rearrange(SWAP2), BIT2); va = t.rearrange(SWAP2).blend(va, BIT2);
        t = v9; v9 = t.blend(vb.rearrange(SWAP2), BIT2); vb = t.rearrange(SWAP2).blend(vb, BIT2);
        t = vc; vc = t.blend(ve.rearrange(SWAP2), BIT2); ve = t.rearrange(SWAP2).blend(ve, BIT2);
        t = vd; vd = t.blend(vf.rearrange(SWAP2), BIT2); vf = t.rearrange(SWAP2).blend(vf, BIT2);
        // d = 1
        t = v0; v0 = t.blend(v1.rearrange(SWAP1), BIT1); v1 = t.rearrange(SWAP1).blend(v1, BIT1);
        t = v2; v2 = t.blend(v3.rearrange(SWAP1), BIT1); v3 = t.rearrange(SWAP1).blend(v3, BIT1);
        t = v4; v4 = t.blend(v5.rearrange(SWAP1), BIT1); v5 = t.rearrange(SWAP1).blend(v5, BIT1);
        t = v6; v6 = t.blend(v7.rearrange(SWAP1), BIT1); v7 = t.rearrange(SWAP1).blend(v7, BIT1);
        t = v8; v8 = t.blend(v9.rearrange(SWAP1), BIT1); v9 = t.rearrange(SWAP1).blend(v9, BIT1);
        t = va; va = t.blend(vb.rearrange(SWAP1), BIT1); vb = t.rearrange(SWAP1).blend(vb, BIT1);
        t = vc; vc = t.blend(vd.rearrange(SWAP1), BIT1); vd = t.rearrange(SWAP1).blend(vd, BIT1);
        t = ve; ve = t.blend(vf.rearrange(SWAP1), BIT1); vf = t.rearrange(SWAP1).blend(vf, BIT1);
        // Row j of the block is now column j of B: store the n real ones.
        int o = p0;
        v0.intoArray(bt, o);
        if (n > 1) v1.intoArray(bt, o + kp);
        if (n > 2) v2.intoArray(bt, o + 2 * kp);
        if (n > 3) v3.intoArray(bt, o + 3 * kp);
        if (n > 4) v4.intoArray(bt, o + 4 * kp);
        if (n > 5) v5.intoArray(bt, o + 5 * kp);
        if (n > 6) v6.intoArray(bt, o + 6 * kp);
        if (n > 7) v7.intoArray(bt, o + 7 * kp);
        if (n > 8) v8.intoArray(bt, o + 8 * kp);
        if (n > 9) v9.intoArray(bt, o + 9 * kp);
        if (n > 10) va.intoArray(bt, o + 10 * kp);
        if (n > 11) vb.intoArray(bt, o + 11 * kp);
        if (n > 12) vc.intoArray(bt, o + 12 * kp);
        if (n > 13) vd.intoArray(bt, o + 13 * kp);
        if (n > 14) ve.intoArray(bt, o + 14 * kp);
        if (n > 15) vf.intoArray(bt, o + 15 * kp);
    }

    /**
     * The last k mod 16 values of each of the tile's rows (the last repeated when {@code rows} <
     * 8) to out[16 + 16r ...], zeros after them, once per row tile for all its column pairs.
     */
    private static void copyTail(int rows, int k, float[] a, int a0, int lda, float[] out) {
        int whole = k / LANES * LANES;
        if (whole == k) {
            return;
        }
        java.util.Arrays.fill(out, LANES, SCRATCH, 0f);
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(a, a0 + Math.min(r, rows - 1) * lda + whole, out, LANES + r * LANES, k - whole);
        }
    }

    /**
     * Sixteen dot products: rows r0..r7 of A (bases {@code a0 + r·lda}, the last repeated when
     * {@code rows} < 8) with rows {@code b0} and {@code b1} of Bᵀ (zero past k). Whole vectors of
     * k are read in place, then one more step runs over the rows' tails that {@link #copyTail} put
     * in {@code out}, zero-padded (lanes past k are never read: they may hold the next row, or
     * NaN; masked loads instead ran 80× slower, not intrinsified here). The 16 sums go to
     * {@code out} in butterfly order ({@link #laneOf}).
     */
    private static void tile(int rows, int k, float[] a, int a0, int lda, float[] bt, int b0, int b1, float[] out) {
        int last = rows - 1;
        int r0 = a0, r1 = a0 + Math.min(1, last) * lda, r2 = a0 + Math.min(2, last) * lda;
        int r3 = a0 + Math.min(3, last) * lda, r4 = a0 + Math.min(4, last) * lda;
        int r5 = a0 + Math.min(5, last) * lda, r6 = a0 + Math.min(6, last) * lda;
        int r7 = a0 + Math.min(7, last) * lda;
        FloatVector s00 = FloatVector.zero(SPECIES), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
        FloatVector s30 = s00, s31 = s00, s40 = s00, s41 = s00, s50 = s00, s51 = s00;
        FloatVector s60 = s00, s61 = s00, s70 = s00, s71 = s00;
        int whole = k / LANES * LANES;
        float[] src = a;
        int end = whole;
        for (int segment = 0; segment < 2; segment++) {
            for (int p = 0; p < end; p += LANES) {
                FloatVector x0 = FloatVector.fromArray(SPECIES, src, r0 + p);
                FloatVector x1 = FloatVector.fromArray(SPECIES, src, r1 + p);
                FloatVector x2 = FloatVector.fromArray(SPECIES, src, r2 + p);
                FloatVector x3 = FloatVector.fromArray(SPECIES, src, r3 + p);
                FloatVector x4 = FloatVector.fromArray(SPECIES, src, r4 + p);
                FloatVector x5 = FloatVector.fromArray(SPECIES, src, r5 + p);
                FloatVector x6 = FloatVector.fromArray(SPECIES, src, r6 + p);
                FloatVector x7 = FloatVector.fromArray(SPECIES, src, r7 + p);
                FloatVector y = FloatVector.fromArray(SPECIES, bt, b0 + p);
                s00 = x0.fma(y, s00); s10 = x1.fma(y, s10); s20 = x2.fma(y, s20); s30 = x3.fma(y, s30);
                s40 = x4.fma(y, s40); s50 = x5.fma(y, s50); s60 = x6.fma(y, s60); s70 = x7.fma(y, s70);
                y = FloatVector.fromArray(SPECIES, bt, b1 + p);
                s01 = x0.fma(y, s01); s11 = x1.fma(y, s11); s21 = x2.fma(y, s21); s31 = x3.fma(y, s31);
                s41 = x4.fma(y, s41); s51 = x5.fma(y, s51); s61 = x6.fma(y, s61); s71 = x7.fma(y, s71);
            }
            if (segment == 1 || whole == k) {
                break;
            }
            src = out;
            r0 = LANES; r1 = 2 * LANES; r2 = 3 * LANES; r3 = 4 * LANES;
            r4 = 5 * LANES; r5 = 6 * LANES; r6 = 7 * LANES; r7 = 8 * LANES;
            b0 += whole;
            b1 += whole;
            end = LANES;
        }
        // Accumulator q = 2·row + column; merge pairs q, q+1 at distance 8, then 4, 2, 1.
        FloatVector w0 = s00.blend(s01, BIT8).add(s01.blend(s00, BIT8).rearrange(SWAP8)), w1 = s10.blend(s11, BIT8).add(s11.blend(s10, BIT8).rearrange(SWAP8));
        FloatVector w2 = s20.blend(s21, BIT8).add(s21.blend(s20, BIT8).rearrange(SWAP8)), w3 = s30.blend(s31, BIT8).add(s31.blend(s30, BIT8).rearrange(SWAP8));
        FloatVector w4 = s40.blend(s41, BIT8).add(s41.blend(s40, BIT8).rearrange(SWAP8)), w5 = s50.blend(s51, BIT8).add(s51.blend(s50, BIT8).rearrange(SWAP8));
        FloatVector w6 = s60.blend(s61, BIT8).add(s61.blend(s60, BIT8).rearrange(SWAP8)), w7 = s70.blend(s71, BIT8).add(s71.blend(s70, BIT8).rearrange(SWAP8));
        FloatVector u0 = w0.blend(w1, BIT4).add(w1.blend(w0, BIT4).rearrange(SWAP4)), u1 = w2.blend(w3, BIT4).add(w3.blend(w2, BIT4).rearrange(SWAP4));
        FloatVector u2 = w4.blend(w5, BIT4).add(w5.blend(w4, BIT4).rearrange(SWAP4)), u3 = w6.blend(w7, BIT4).add(w7.blend(w6, BIT4).rearrange(SWAP4));
        FloatVector t0 = u0.blend(u1, BIT2).add(u1.blend(u0, BIT2).rearrange(SWAP2)), t1 = u2.blend(u3, BIT2).add(u3.blend(u2, BIT2).rearrange(SWAP2));
        t0.blend(t1, BIT1).add(t1.blend(t0, BIT1).rearrange(SWAP1)).intoArray(out, 0);
    }
}
