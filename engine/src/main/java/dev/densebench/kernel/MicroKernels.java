package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.EDGE_TILES;
import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.MR;
import static dev.densebench.kernel.GemmTuning.TILE;

/**
 * The register tiles of {@link VectorGemm}, one unrolled method per shape (written from one
 * pattern, in {@link TilesFor16Registers} and {@link TilesFor32Registers}): for p in [0, kc),
 * acc[r][v] += A[r, p] · B[p, v·LANES : (v+1)·LANES], with A packed MR floats per k step and B
 * packed NR = NV·LANES floats per k step. Each keeps its MR·NV accumulators in locals (C2 keeps
 * them in registers only while they are locals of one compiled method) and spills them once, at
 * the end, to {@code tile} (row r, vector v at (r·NV + v)·LANES), from which the caller writes C.
 *
 * <p>Which one runs is fixed at start-up ({@link GemmTuning#TILE}, a constant C2 folds the switch
 * on). They all sum k in the same order, so the tile never changes a result's bits.
 */
final class MicroKernels {
    private MicroKernels() {
    }

    /**
     * Tiles available (rows × vectors): the ones {@link GemmTuning}'s table uses, each run by the
     * property tests in the width fork that chooses it. (8×2 and an unfenced 6×2, measured slower
     * in docs/performance-notes.md, were removed: no width chose them and no test ran them; so were
     * 5×2 and 4×2 when the fenced 6×2 replaced them on 16 registers.)
     */
    static final String AVAILABLE = "12x2, 6x2";

    /** The kernel number of an MR × NV tile, or a clear error naming the overrides. */
    static int id(int mr, int nv, boolean wholeVectors) {
        int id = !wholeVectors ? -1 : switch (mr * 10 + nv) {
            case 122 -> 0;
            case 62 -> 1;
            default -> -1;
        };
        if (id < 0) {
            throw new IllegalArgumentException("-Ddensebench.gemm.mr/nr: no micro-kernel for " + mr + " rows x "
                    + (nv * LANES) + " columns with " + LANES + "-float vectors (available, rows x vectors: " + AVAILABLE + ")");
        }
        return id;
    }

    /**
     * Runs a tile over kc k steps from pa[ai…] and pb[bi…] into {@code tile}: the one chosen at
     * start-up, or for a last panel of {@code rows} < MR valid rows one of {@link EdgeTiles}
     * (two vectors wide, as every tile {@link #id} accepts).
     */
    static void run(int kc, int rows, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        if (EDGE_TILES && rows < MR) {
            if (rows <= 4) {
                EdgeTiles.rows4(kc, pa, ai, pb, bi, tile);
                return;
            }
            if (rows <= 8 && MR > 8) {
                EdgeTiles.rows8(kc, pa, ai, pb, bi, tile);
                return;
            }
        }
        switch (TILE) {
            case 0 -> TilesFor32Registers.tile12x2(kc, pa, ai, pb, bi, tile);
            case 1 -> TilesFor16Registers.tile6x2(kc, pa, ai, pb, bi, tile);
            default -> throw new IllegalStateException("tile " + TILE);
        }
    }
}
