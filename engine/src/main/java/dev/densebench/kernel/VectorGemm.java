package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.KC;
import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.MC;
import static dev.densebench.kernel.GemmTuning.MR;
import static dev.densebench.kernel.GemmTuning.NC;
import static dev.densebench.kernel.GemmTuning.NR;
import static dev.densebench.kernel.GemmTuning.SPECIES;

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
 * split: results do not depend on the number of workers.
 */
final class VectorGemm {
    /** k steps per chunk of the transposed-B packing: 128 × NR floats = 16 KB. */
    private static final int TRANS_B_CHUNK = 128;
    private final float[] packA = new float[MC * KC];
    private final float[] packB = new float[KC * NC];
    private final float[] tile = new float[MR * NR];
    /** The first MR lanes: one k step of an A panel. */
    private static final VectorMask<Float> PANEL_ROWS = SPECIES.indexInRange(0, Math.min(MR, LANES));
    /** One k step of a panel fits one vector (AVX-512); with 8-lane vectors the scalar loop packs. */
    private static final boolean PANEL_FITS_VECTOR = MR <= LANES;

    /**
     * Computes columns [j0, j1) of C = alpha·op(A)·op(B) + beta·C, then adds {@code bias[j]} to
     * column j when bias is not null (in the last k block's write-back: the sum is complete
     * there, so the rounding is that of a separate pass).
     */
    void compute(boolean transA, boolean transB, int m, int j0, int j1, int k,
                 float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc, float[] bias) {
        if (k == 0) {
            scaleC(m, j0, j1, beta, c, cOff, ldc);
            if (bias != null) addBiasColumns(m, j0, j1, bias, c, cOff, ldc);
            return;
        }
        // Equal k blocks of at most KC (k = 1500 gives 750 + 750, not 1024 + 476): a short last
        // block would pay a full read-modify-write of C for little work.
        int kBlocks = (k + KC - 1) / KC;
        int kStep = (k + kBlocks - 1) / kBlocks;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc);
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
                            microKernel(kc, ir * kc, jr * kc, alpha, betaBlock,
                                    c, cOff + (ic + ir) * ldc + jc + jr, ldc, mr, nr, biasBlock, jc + jr);
                        }
                    }
                }
            }
        }
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
            if (rows == MR && PANEL_FITS_VECTOR && transA) {
                // op(A)(i, p) = A[p, i]: row p of the stored matrix holds this panel's MR values,
                // contiguous: one masked vector load and store per k step.
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(SPECIES, a, aOff + (pc + p) * lda + ic + ir, PANEL_ROWS)
                            .intoArray(packA, base + p * MR, PANEL_ROWS);
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

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as NR-column panels: packB[panel·kc·NR + p·NR + j]. */
    private void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (!transB && cols == NR) {
                // Rows of B are contiguous: copy NR floats per k step, two vectors at a time.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(packB, base + p * NR);
                    FloatVector.fromArray(SPECIES, b, src + LANES).intoArray(packB, base + p * NR + LANES);
                }
                continue;
            }
            if (transB) {
                // op(B)(p, j) = B[j, p]: row j of the stored matrix is contiguous along p. Done in
                // chunks of k steps so that the strided writes stay within L1 (a whole deep panel
                // is 128 KB: 32 passes over it measured 7-10 % slower on the nt products).
                for (int p0 = 0; p0 < kc; p0 += TRANS_B_CHUNK) {
                    int p1 = Math.min(kc, p0 + TRANS_B_CHUNK);
                    for (int j = 0; j < NR; j++) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = p0; p < p1; p++) {
                            packB[base + p * NR + j] = j < cols ? b[src + p] : 0f;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    for (int j = 0; j < NR; j++) {
                        packB[dst + j] = j < cols ? b[src + j] : 0f;
                    }
                }
            }
        }
    }

    /**
     * The register tile: for p in [0, kc): acc[r][v] += A[r, p] · B[p, v·LANES : (v+1)·LANES].
     * 12 rows × 2 vectors = 24 accumulators (BLIS's 32×12 AVX-512 tile, transposed for row-major
     * C), 2 B loads and 12 broadcasts per k step; with the two B vectors and the broadcast that
     * is 27 of the 32 vector registers. Measured against 6×32 and 8×32 tiles here: 12×32 was
     * fastest at every shape of the 784-512-512-10 step.
     */
    private void microKernel(int kc, int aBase, int bBase, float alpha, float beta,
                             float[] c, int cIndex, int ldc, int mr, int nr, float[] bias, int biasIndex) {
        final float[] pa = packA;
        final float[] pb = packB;
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        FloatVector c80 = z, c81 = z, c90 = z, c91 = z, c100 = z, c101 = z, c110 = z, c111 = z;
        int ai = aBase;
        int bi = bBase;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector a;
            a = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(SPECIES, pa[ai + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(SPECIES, pa[ai + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(SPECIES, pa[ai + 10]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(SPECIES, pa[ai + 11]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
        }
        // Spill the tile to a small buffer and write it back from there: passing vectors to a
        // helper that C2 declines to inline would box every one of them (an allocation per tile).
        final float[] t = tile;
        c00.intoArray(t, 0 * NR);
        c01.intoArray(t, 0 * NR + LANES);
        c10.intoArray(t, 1 * NR);
        c11.intoArray(t, 1 * NR + LANES);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + LANES);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + LANES);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + LANES);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + LANES);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + LANES);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + LANES);
        c80.intoArray(t, 8 * NR);
        c81.intoArray(t, 8 * NR + LANES);
        c90.intoArray(t, 9 * NR);
        c91.intoArray(t, 9 * NR + LANES);
        c100.intoArray(t, 10 * NR);
        c101.intoArray(t, 10 * NR + LANES);
        c110.intoArray(t, 11 * NR);
        c111.intoArray(t, 11 * NR + LANES);
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
