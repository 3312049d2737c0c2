package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.MR;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Register tiles for the last row panel of a block when it holds fewer than MR rows (m = 128
 * with MR = 6 leaves 2 rows, with MR = 12 leaves 8). The full tile would spend MR rows of FMAs
 * on them, the zero padding included; these spend 4 or 8. They read the same packed panels as
 * {@link MicroKernels} (A at MR floats per k step, of which they use the first 4 or 8; B at
 * 2·LANES) and fill the same {@code tile} layout, and sum k in the same order, so results keep
 * their bits.
 *
 * <p>4 × 2 is 8 accumulators + 2 B + 4 broadcasts = 14 registers, no fence needed on 16; 8 × 2
 * (16 accumulators) is for 32 registers. Eight independent FMA chains keep two FMA units busy
 * through a 4-cycle latency, so 4 rows should cost about 4/6 of a 6-row tile and 8 rows 8/12 of
 * a 12-row one. Measured, micro-kernel alone (kc 512, panels in L1, alternated in one JVM):
 * 4 × 2 0.76 of the 6 × 2 at 256 bits; 8 × 2 0.85 and 4 × 2 0.48 of the 12 × 2 at 128 bits
 * (32 registers); 0.73 and 0.60 at 512. At m = 128 that is 1–2.5 % of a product, less than this
 * machine's noise on whole products.
 */
final class EdgeTiles {
    private EdgeTiles() {
    }

    /** Rows 0–3 of an MR-row panel × 2 vectors (rows past the panel's valid ones are zeros). */
    static void rows4(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi + 2 * LANES * p);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + 2 * LANES * p + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, pa[ai + MR * p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
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

    /** Rows 0–7 of an MR-row panel × 2 vectors: 16 accumulators, for 32 registers. */
    static void rows8(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi + 2 * LANES * p);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + 2 * LANES * p + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, pa[ai + MR * p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, pa[ai + MR * p + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
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
        c60.intoArray(tile, 12 * LANES);
        c61.intoArray(tile, 13 * LANES);
        c70.intoArray(tile, 14 * LANES);
        c71.intoArray(tile, 15 * LANES);
    }
}
