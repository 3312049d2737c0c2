package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.B_ROW_CHUNK;
import static dev.densebench.kernel.GemmTuning.KC;
import static dev.densebench.kernel.GemmTuning.KC_SMALL_C;
import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.MC;
import static dev.densebench.kernel.GemmTuning.MR;
import static dev.densebench.kernel.GemmTuning.NC;
import static dev.densebench.kernel.GemmTuning.NR;
import static dev.densebench.kernel.GemmTuning.SMALL_C_FLOATS;
import static dev.densebench.kernel.GemmTuning.SPECIES;
import static dev.densebench.kernel.GemmTuning.TRANS_B_CHUNK;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Packed, cache-blocked, register-tiled single-precision GEMM on the Vector API, for one
 * worker. Transposes are absorbed by the packing routines, so the micro-kernel only ever sees
 * "A panel: MR floats per k step" and "B panel: NR floats per k step". Panels are zero-padded
 * to full MR/NR, so the micro-kernel has no edge cases; only the write-back masks the tile.
 *
 * <p>Each worker owns its pack buffers (allocated once, reused), and computes a column range
 * (or, given a sub-matrix, a row range) of C completely, with the same k blocks as every other
 * split: results do not depend on the number of workers. Workers that split C by rows may
 * instead run block by block ({@link #computeBlock}) against one B that they packed together
 * into worker 0's buffer.
 */
final class VectorGemm {
    private final float[] packA = new float[MC * KC];
    private final float[] packB = new float[KC * NC];
    private final float[] tile = new float[MR * NR];
    /** The first MR lanes: one k step of an A panel. */
    private static final VectorMask<Float> PANEL_ROWS = SPECIES.indexInRange(0, Math.min(MR, LANES));
    /** One k step of an A panel fits one vector (12 rows in 16 lanes, 5 in 8); else the scalar loop packs. */
    private static final boolean PANEL_FITS_VECTOR = MR <= LANES;

    /**
     * Computes columns [j0, j1) of C = alpha·op(A)·op(B) + beta·C, then adds {@code bias[j]} to
     * column j when bias is not null (in the last k block's write-back: the sum is complete
     * there, so the rounding is that of a separate pass). {@code kStep} is {@link #kStep} of the
     * whole product, so that every split of it sums k in the same blocks.
     */
    void compute(boolean transA, boolean transB, int m, int j0, int j1, int k, int kStep,
                 float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc, float[] bias) {
        if (k == 0) {
            scaleC(m, j0, j1, beta, c, cOff, ldc);
            if (bias != null) addBiasColumns(m, j0, j1, bias, c, cOff, ldc);
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, packB, 0);
                computeBlock(transA, m, jc, nc, pc, kc, k, alpha, a, aOff, lda, packB, beta, c, cOff, ldc, bias);
            }
        }
    }

    /**
     * One (jc, pc) block of {@link #compute}: rows [0, m) of C's columns [jc, jc+nc) against the
     * kc×nc block of B already packed in {@code packedB} (this worker's own, or one that all
     * workers packed together: see {@link VectorKernels}).
     */
    void computeBlock(boolean transA, int m, int jc, int nc, int pc, int kc, int k,
                      float alpha, float[] a, int aOff, int lda, float[] packedB,
                      float beta, float[] c, int cOff, int ldc, float[] bias) {
        // The first k block applies the caller's beta; later blocks accumulate; the last adds the bias.
        float betaBlock = pc == 0 ? beta : 1f;
        float[] biasBlock = pc + kc == k ? bias : null;
        for (int ic = 0; ic < m; ic += MC) {
            int mc = Math.min(MC, m - ic);
            packA(transA, a, aOff, lda, ic, mc, pc, kc);
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir);
                    microKernel(kc, ir * kc, packedB, jr * kc, alpha, betaBlock,
                            c, cOff + (ic + ir) * ldc + jc + jr, ldc, mr, nr, biasBlock, jc + jr);
                }
            }
        }
    }

    /** This worker's B pack buffer (KC×NC floats), which the others may fill and read too, one block at a time. */
    float[] packBuffer() {
        return packB;
    }

    /**
     * The depth of the k blocks of an m×n×k product: equal blocks of at most KC (k = 1500 gives
     * 750 + 750, not 1024 + 476: a short last block would pay a full read-modify-write of C for
     * little work), or of at most KC_SMALL_C when C is at most {@link GemmTuning#SMALL_C_FLOATS}:
     * then another pass over C (in L2) costs less than B micro-panels too deep for L1.
     */
    static int kStep(int m, int n, int k) {
        int depth = (long) m * n <= SMALL_C_FLOATS ? KC_SMALL_C : KC;
        int kBlocks = Math.max(1, (k + depth - 1) / depth);
        return (k + kBlocks - 1) / kBlocks;
    }

    private static void addBiasColumns(int m, int j0, int j1, float[] bias, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < j1; j++) {
                c[cOff + i * ldc + j] += bias[j];
            }
        }
    }

    /** C *= beta (or C = 0 when beta is 0) for an empty k: BLAS semantics. */
    private static void scaleC(int m, int j0, int j1, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < j1; j++) {
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? 0f : beta * c[ci];
            }
        }
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] as MR-row panels: packA[panel·kc·MR + p·MR + r]. Loops run
     * along the stored rows (k for A, m for Aᵀ) so that every read is contiguous.
     */
    private void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (rows == MR && transA && PANEL_FITS_VECTOR) {
                // op(A)(i, p) = A[p, i]: row p of the stored matrix holds this panel's MR values,
                // contiguous: one masked vector load and store per k step.
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(SPECIES, a, aOff + (pc + p) * lda + ic + ir, PANEL_ROWS)
                            .intoArray(packA, base + p * MR, PANEL_ROWS);
                }
            } else if (rows == MR && transA) {
                // The same contiguous MR values per k step, more than one vector holds: copied.
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, aOff + (pc + p) * lda + ic + ir, packA, base + p * MR, MR);
                }
            } else if (rows == MR) {
                // op(A)(i, p) = A[i, p]: read each of the MR rows along k (contiguous) and write
                // it strided into the panel (a gather per k step measured no faster).
                for (int r = 0; r < MR; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packA[base + p * MR + r] = a[src + p];
                    }
                }
            } else {
                // The last, partial panel: element by element, zero-padded to MR rows.
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * MR;
                    for (int r = 0; r < MR; r++) {
                        packA[dst + r] = r >= rows ? 0f
                                : transA ? a[aOff + (pc + p) * lda + ic + ir + r] : a[aOff + (ic + ir + r) * lda + pc + p];
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] as NR-column panels: out[outOff + panel·kc·NR + p·NR + j].
     * Static: workers that share one buffer each pack their own panels of it.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                      float[] out, int outOff) {
        int fullPanels = transB ? 0 : nc / NR * NR;
        if (fullPanels > 0) {
            // Rows of B are contiguous: copy NR floats per k step and panel, a vector at a time.
            // A chunk of k rows across all panels, then the next: going down one panel for all kc
            // rows instead reads a new row (ldb floats on) at every step, which the hardware
            // prefetcher does not follow once B outgrows L2 (784×512: 1.6× slower).
            for (int p0 = 0; p0 < kc; p0 += B_ROW_CHUNK) {
                int p1 = Math.min(kc, p0 + B_ROW_CHUNK);
                for (int jr = 0; jr < fullPanels; jr += NR) {
                    int base = outOff + jr * kc;
                    for (int p = p0; p < p1; p++) {
                        int src = bOff + (pc + p) * ldb + jc + jr;
                        for (int v = 0; v < NR; v += LANES) {
                            FloatVector.fromArray(SPECIES, b, src + v).intoArray(out, base + p * NR + v);
                        }
                    }
                }
            }
        }
        for (int jr = fullPanels; jr < nc; jr += NR) {
            int base = outOff + jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (transB) {
                // op(B)(p, j) = B[j, p]: row j of the stored matrix is contiguous along p. Done in
                // chunks of k steps so that the strided writes stay within L1 (a whole deep panel
                // is 128 KB: 32 passes over it measured 7-10 % slower on the nt products).
                for (int p0 = 0; p0 < kc; p0 += TRANS_B_CHUNK) {
                    int p1 = Math.min(kc, p0 + TRANS_B_CHUNK);
                    for (int j = 0; j < NR; j++) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = p0; p < p1; p++) {
                            out[base + p * NR + j] = j < cols ? b[src + p] : 0f;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    for (int j = 0; j < NR; j++) {
                        out[dst + j] = j < cols ? b[src + j] : 0f;
                    }
                }
            }
        }
    }

    /** One MR×NR tile of C: the register tile over kc k steps, then the masked write-back. */
    private void microKernel(int kc, int aBase, float[] packedB, int bBase, float alpha, float beta,
                             float[] c, int cIndex, int ldc, int mr, int nr, float[] bias, int biasIndex) {
        // The tile goes through a small buffer: passing vectors to a helper that C2 declines to
        // inline would box every one of them (an allocation per tile).
        MicroKernels.run(kc, mr, packA, aBase, packedB, bBase, tile);
        writeBack(mr, nr, alpha, beta, c, cIndex, ldc, bias, biasIndex);
    }

    /**
     * C[r, 0:nr] = alpha·tile[r] + beta·C[r, 0:nr] (+ bias[biasIndex : biasIndex+nr]) for the mr
     * valid rows, masking columns past nr.
     * Vectors never cross a method boundary here: C2 boxes a vector argument whenever it
     * declines to inline the callee, which would allocate per tile.
     */
    private void writeBack(int mr, int nr, float alpha, float beta, float[] c, int cIndex, int ldc,
                           float[] bias, int biasIndex) {
        final float[] t = tile;
        for (int r = 0; r < mr; r++) {
            for (int v = 0; v < nr; v += LANES) {
                int ci = cIndex + r * ldc + v;
                int ti = r * NR + v;
                int valid = Math.min(LANES, nr - v);
                if (valid == LANES) {
                    FloatVector out = FloatVector.fromArray(SPECIES, t, ti).mul(alpha);
                    if (beta != 0f) {
                        out = FloatVector.fromArray(SPECIES, c, ci).mul(beta).add(out);
                    }
                    if (bias != null) {
                        out = out.add(FloatVector.fromArray(SPECIES, bias, biasIndex + v));
                    }
                    out.intoArray(c, ci);
                } else {
                    VectorMask<Float> m = SPECIES.indexInRange(0, valid);
                    FloatVector out = FloatVector.fromArray(SPECIES, t, ti).mul(alpha);
                    if (beta != 0f) {
                        out = FloatVector.fromArray(SPECIES, c, ci, m).mul(beta).add(out);
                    }
                    if (bias != null) {
                        out = out.add(FloatVector.fromArray(SPECIES, bias, biasIndex + v, m));
                    }
                    out.intoArray(c, ci, m);
                }
            }
        }
    }
}
