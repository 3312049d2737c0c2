package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.DOT_MAX_COLS;
import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.MR;
import static dev.densebench.kernel.GemmTuning.NC;
import static dev.densebench.kernel.GemmTuning.NARROW_MAX_COLS;
import static dev.densebench.kernel.GemmTuning.NR;
import static dev.densebench.kernel.GemmTuning.PARALLEL_MIN_FLOPS;
import static dev.densebench.kernel.GemmTuning.SHARED_B;
import static dev.densebench.kernel.GemmTuning.SHARED_B_MIN_FLOATS;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The fast path: the packed, register-tiled {@link VectorGemm} split over a fixed
 * {@link WorkerPool} by row or column tiles of C (never the k-sum, so 1 and N threads give the
 * same bits), and element-wise kernels on {@link GemmTuning#SPECIES} with scalar tails.
 *
 * <p>Not thread-safe: one instance serves one training loop.
 */
public final class VectorKernels implements Kernels, AutoCloseable {

    private final WorkerPool pool;
    private final VectorGemm[] workers;
    private final float[][] narrowTiles;
    private float[] narrowB = new float[0];
    // DotGemm's transposed copy of B.
    private float[] dotB = new float[0];

    // Arguments of the GEMM in flight, read by the pool's workers (a field-based task avoids
    // allocating a capturing lambda per call).
    private boolean gTransA, gTransB;
    private int gM, gN, gK, gKStep, gAOff, gLda, gBOff, gLdb, gCOff, gLdc, gTiles;
    private boolean gNarrow, gDot, gByRows;
    private float gAlpha, gBeta;
    private float[] gA, gB, gC, gBias;
    private final WorkerPool.Task gemmTask = this::gemmShare;
    // The block in flight when the workers share one packed B (see sharedBRows).
    private int gJc, gNc, gPc, gKc;
    private float[] gPackedB;
    private final WorkerPool.Task packBTask = this::packBShare;
    private final WorkerPool.Task blockTask = this::blockShare;
    private final UpdateKernels updates = new VectorUpdateKernels();

    public VectorKernels(int threads) {
        this.pool = new WorkerPool(threads);
        this.workers = new VectorGemm[threads];
        // Scratch for the largest narrow tile: ROWS × 1 vector, or 6 rows × 3 vectors, or DotGemm's.
        this.narrowTiles = new float[threads][Math.max(Math.max(NarrowGemm.ROWS, 18) * LANES, DotGemm.SCRATCH)];
        for (int i = 0; i < threads; i++) {
            workers[i] = new VectorGemm();
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public WorkerPool pool() {
        return pool;
    }

    @Override
    public UpdateKernels updates() {
        return updates;
    }

    /** Bits per vector of the species in use (512 with AVX-512, 256 with AVX2, or as asked for). */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /** The GEMM's register tile, rows × columns of C (e.g. {@code 12x32}). */
    public static String gemmTile() {
        return GemmTuning.tileName();
    }

    /** The start-up line: {@code vector kernels: 256-bit, tile 6x16 (16 registers)}. */
    static String describe() {
        return "vector kernels: " + vectorBits() + "-bit, tile " + gemmTile() + " (" + GemmTuning.REGISTERS + " registers)";
    }

    /** A warning when the width asked for is wider than the CPU's, so it runs on the Java fallback; else null. */
    static String emulationWarning() {
        return !emulated() ? null : "-D" + VectorWidth.PROPERTY + "=" + vectorBits() + " is wider than this CPU's "
                + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                + "-bit vectors: the Vector API runs its Java fallback (correct, but far too slow to measure)";
    }

    /** The width in use is wider than the CPU's, so the Vector API runs in Java, not in instructions. */
    private static boolean emulated() {
        return vectorBits() > FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * True when the width in use is one the CPU runs natively with FMA instructions; false on an
     * emulated width or without FMA (SSE), where the Vector API runs its Java fallback.
     */
    public static boolean fullSpeed() {
        return !emulated() && VectorWidth.fmaInHardware();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    /** Y = X·W + bias with the bias added in the GEMM's write-back (one pass over Y fewer). */
    @Override
    public void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, float[] y) {
        if (out <= NARROW_MAX_COLS) {
            // The narrow path (the 10-class output layer) has its own write-back: keep the two passes.
            Kernels.super.linear(rows, in, out, x, w, bias, y);
            return;
        }
        gemm(false, false, rows, out, in, 1f, x, 0, in, w, 0, out, 0f, y, 0, out, bias);
    }

    private void gemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, float[] bias) {
        if (m == 0 || n == 0) {
            return;
        }
        boolean narrow = n <= NARROW_MAX_COLS && !transB && k > 0 && bias == null;
        boolean dot = narrow && !transA && n <= DOT_MAX_COLS;
        // Work is split by MR-tall row tiles or NR-wide column tiles, or by row tiles on the narrow path.
        boolean byRows = !narrow && splitByRows(transA, transB, m, n);
        int tiles = dot ? (m + DotGemm.ROWS - 1) / DotGemm.ROWS
                : narrow ? (m + NarrowGemm.ROWS - 1) / NarrowGemm.ROWS
                : byRows ? (m + MR - 1) / MR : (n + NR - 1) / NR;
        // From the whole product, not a worker's share, so every thread count sums the same k blocks.
        int kStep = VectorGemm.kStep(m, n, k);
        // The narrow paths' copy of B, made once by the calling thread for every worker.
        if (dot) {
            DotGemm.transposeB(b, bOff, ldb, k, n, transposedB(k, n), narrowTiles[0]);
        } else if (narrow) {
            NarrowGemm.padB(b, bOff, ldb, k, n, paddedB(k));
        }
        if (pool.size() == 1 || tiles == 1 || (long) m * n * k < PARALLEL_MIN_FLOPS) {
            if (dot) {
                DotGemm.compute(0, m, n, k, alpha, a, aOff, lda, dotB, beta, c, cOff, ldc, narrowTiles[0]);
            } else if (narrow) {
                narrowRows(transA, 0, m, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc, narrowTiles[0]);
            } else {
                workers[0].compute(transA, transB, m, 0, n, k, kStep, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias);
            }
            return;
        }
        gTransA = transA; gTransB = transB; gM = m; gN = n; gK = k; gKStep = kStep; gAlpha = alpha; gBeta = beta;
        gA = a; gAOff = aOff; gLda = lda; gB = b; gBOff = bOff; gLdb = ldb; gC = c; gCOff = cOff; gLdc = ldc;
        gTiles = tiles;
        gNarrow = narrow;
        gDot = dot;
        gByRows = byRows;
        gBias = bias;
        // Row splits share one packed B when its blocks outgrow L2; smaller ones are packed by each worker.
        if (byRows && SHARED_B && (long) Math.min(kStep, k) * Math.min(NC, n) >= SHARED_B_MIN_FLOATS) {
            sharedBRows();
        } else {
            pool.run(gemmTask);
        }
        gA = gB = gC = gBias = gPackedB = null;
    }

    /**
     * Which dimension the workers split. Each worker packs the whole of the operand it shares:
     * all of op(A) (m×k) when they split columns, all of op(B) (k×n) when they split rows. So
     * split the dimension whose shared operand is cheaper to pack twice. Packing goes at vector
     * speed for Aᵀ and B (contiguous MR or NR floats per k step) and element by element for A and
     * Bᵀ, which costs about twice as much per float. Measured on 2 threads, alternating both splits
     * in one JVM: rows win at 1024³ (+6 %), tn:784x128x512 (+15 %) and tn:512x128x512 (+6 %),
     * tie at 128x784x512, lose at nt:128x512x784 (−10 %); this rule picks the winner in each.
     */
    static boolean splitByRows(boolean transA, boolean transB, int m, int n) {
        return (long) m * (transA ? 1 : 2) >= (long) n * (transB ? 2 : 1);
    }

    /**
     * The row split with one packed copy of B for all workers, as GotoBLAS does: for each
     * (jc, pc) block, every worker packs its share of B's NR-wide panels into worker 0's buffer,
     * then (after the pool's barrier) every worker multiplies its rows against the whole of it.
     * Each worker packing all of B itself costs each of them the whole packing time and keeps N
     * copies in L3. The blocks and the k order are those of one worker, so the bits are too.
     */
    private void sharedBRows() {
        gPackedB = workers[0].packBuffer();
        for (int jc = 0; jc < gN; jc += NC) {
            for (int pc = 0; pc < gK; pc += gKStep) {
                gJc = jc;
                gNc = Math.min(NC, gN - jc);
                gPc = pc;
                gKc = Math.min(gKStep, gK - pc);
                pool.run(packBTask);
                pool.run(blockTask);
            }
        }
    }

    /** Worker {@code index} packs its contiguous share of the block's B panels into the shared buffer. */
    private void packBShare(int index, int count) {
        int panels = (gNc + NR - 1) / NR;
        int first = (int) ((long) panels * index / count) * NR;
        int last = Math.min(gNc, (int) ((long) panels * (index + 1) / count) * NR);
        if (first < last) {
            VectorGemm.packB(gTransB, gB, gBOff, gLdb, gPc, gKc, gJc + first, last - first, gPackedB, first * gKc);
        }
    }

    /** Worker {@code index} multiplies its MR-tall rows of C by the shared packed block of B. */
    private void blockShare(int index, int count) {
        int i0 = (int) ((long) gTiles * index / count) * MR;
        int i1 = Math.min(gM, (int) ((long) gTiles * (index + 1) / count) * MR);
        if (i0 < i1) {
            int aOff = gAOff + (gTransA ? i0 : i0 * gLda);
            workers[index].computeBlock(gTransA, i1 - i0, gJc, gNc, gPc, gKc, gK, gAlpha, gA, aOff, gLda, gPackedB,
                    gBeta, gC, gCOff + i0 * gLdc, gLdc, gBias);
        }
    }

    /** The narrow path's padded copy of B, grown (allocated) only when a deeper k first appears. */
    private float[] paddedB(int k) {
        if (narrowB.length < k * NARROW_MAX_COLS) {
            narrowB = new float[k * NARROW_MAX_COLS];
        }
        return narrowB;
    }

    /** DotGemm's transposed copy of B, grown (allocated) only when a larger one first appears. */
    private float[] transposedB(int k, int n) {
        if (dotB.length < n * DotGemm.paddedDepth(k)) {
            dotB = new float[n * DotGemm.paddedDepth(k)];
        }
        return dotB;
    }

    /** Rows [i0, i1) of a narrow product: one vector of C per row, or two or three when n > LANES. */
    private void narrowRows(boolean transA, int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float beta, float[] c, int cOff, int ldc, float[] tile) {
        if (n <= LANES) {
            NarrowGemm.compute(transA, i0, i1, n, k, alpha, a, aOff, lda, narrowB, beta, c, cOff, ldc, tile);
        } else {
            NarrowGemm.computeWide(transA, i0, i1, n, k, alpha, a, aOff, lda, narrowB, beta, c, cOff, ldc, tile);
        }
    }

    /** Worker {@code index} computes its contiguous share of the tiles: NR-wide columns, or MR-tall (or narrow) rows. */
    private void gemmShare(int index, int count) {
        if (gNarrow) {
            int rowsPerTile = gDot ? DotGemm.ROWS : NarrowGemm.ROWS;
            int first = (int) ((long) gTiles * index / count) * rowsPerTile;
            int last = Math.min(gM, (int) ((long) gTiles * (index + 1) / count) * rowsPerTile);
            if (first >= last) {
                return;
            }
            if (gDot) {
                DotGemm.compute(first, last, gN, gK, gAlpha, gA, gAOff, gLda, dotB, gBeta, gC, gCOff, gLdc, narrowTiles[index]);
            } else {
                narrowRows(gTransA, first, last, gN, gK, gAlpha, gA, gAOff, gLda, gBeta, gC, gCOff, gLdc, narrowTiles[index]);
            }
            return;
        }
        int first = (int) ((long) gTiles * index / count);
        int last = (int) ((long) gTiles * (index + 1) / count);
        if (first == last) {
            return;
        }
        if (gByRows) {
            int i0 = first * MR;
            int i1 = Math.min(gM, last * MR);
            int aOff = gAOff + (gTransA ? i0 : i0 * gLda);
            workers[index].compute(gTransA, gTransB, i1 - i0, 0, gN, gK, gKStep, gAlpha, gA, aOff, gLda,
                    gB, gBOff, gLdb, gBeta, gC, gCOff + i0 * gLdc, gLdc, gBias);
            return;
        }
        int j0 = first * NR;
        int j1 = Math.min(gN, last * NR);
        workers[index].compute(gTransA, gTransB, gM, j0, j1, gK, gKStep, gAlpha, gA, gAOff, gLda,
                gB, gBOff, gLdb, gBeta, gC, gCOff, gLdc, gBias);
    }

    @Override
    public void addBias(int rows, int cols, float[] x, float[] bias) {
        int upper = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j < upper; j += LANES) {
                FloatVector.fromArray(SPECIES, x, o + j).add(FloatVector.fromArray(SPECIES, bias, j)).intoArray(x, o + j);
            }
            for (; j < cols; j++) {
                x[o + j] += bias[j];
            }
        }
    }

    @Override
    public void columnSums(int rows, int cols, float[] x, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        int upper = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j < upper; j += LANES) {
                FloatVector.fromArray(SPECIES, out, j).add(FloatVector.fromArray(SPECIES, x, o + j)).intoArray(out, j);
            }
            for (; j < cols; j++) {
                out[j] += x[o + j];
            }
        }
    }

    @Override
    public void activationForward(Activation f, int n, float[] x, float[] y) {
        int upper = SPECIES.loopBound(n);
        int i = 0;
        switch (f) {
            case IDENTITY -> {
                if (x != y) System.arraycopy(x, 0, y, 0, n);
                return;
            }
            case RELU -> {
                for (; i < upper; i += LANES) {
                    FloatVector.fromArray(SPECIES, x, i).max(0f).intoArray(y, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < upper; i += LANES) {
                    FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                    v.max(v.mul(Activation.LEAKY_SLOPE)).intoArray(y, i);
                }
            }
            case SIGMOID, TANH -> {
                // Left to the scalar loop on purpose: lanewise EXP and TANH run as C2 intrinsics
                // only once compiled, and round differently from their interpreted fallback, so a
                // run's bits would depend on when the JIT got there. Math.exp and Math.tanh give
                // the same bits interpreted or compiled.
            }
        }
        scalarTail.activationForwardRange(f, i, n, x, y);
    }

    @Override
    public void activationBackward(Activation f, int n, float[] x, float[] y, float[] dy, float[] dx) {
        int upper = SPECIES.loopBound(n);
        int i = 0;
        switch (f) {
            case IDENTITY -> {
                if (dy != dx) System.arraycopy(dy, 0, dx, 0, n);
                return;
            }
            case RELU -> {
                for (; i < upper; i += LANES) {
                    FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
                    FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                    g.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(dx, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < upper; i += LANES) {
                    FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
                    FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                    g.blend(g.mul(Activation.LEAKY_SLOPE), v.compare(VectorOperators.LE, 0f)).intoArray(dx, i);
                }
            }
            case SIGMOID -> {
                for (; i < upper; i += LANES) {
                    FloatVector s = FloatVector.fromArray(SPECIES, y, i);
                    FloatVector.fromArray(SPECIES, dy, i).mul(s).mul(s.neg().add(1f)).intoArray(dx, i);
                }
            }
            case TANH -> {
                for (; i < upper; i += LANES) {
                    FloatVector t = FloatVector.fromArray(SPECIES, y, i);
                    FloatVector.fromArray(SPECIES, dy, i).mul(t.mul(t).neg().add(1f)).intoArray(dx, i);
                }
            }
        }
        scalarTail.activationBackwardRange(f, i, n, x, y, dy, dx);
    }

    private final ScalarKernels scalarTail = new ScalarKernels();

    @Override
    public void close() {
        pool.close();
    }
}
