package dev.densebench.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every tuning constant of the vector GEMM in one place (the BLIS/GotoBLAS blocking).
 *
 * <pre>
 *   for jc in n step NC          B block  kc×nc  packed into NR-wide panels  (lives in L3/L2)
 *     for pc in k step KC
 *       pack B[pc:pc+kc, jc:jc+nc]
 *       for ic in m step MC      A block  mc×kc  packed into MR-tall panels  (lives in L2)
 *         pack A[ic:ic+mc, pc:pc+kc]
 *         for jr, ir:            micro-kernel: MR×NR tile of C held in registers over kc
 * </pre>
 *
 * <p>KC, MC and NC can be overridden for tuning on another machine with the system properties
 * {@code densebench.gemm.kc}, {@code .mc} (rounded down to a multiple of MR) and {@code .nc}
 * (rounded down to a multiple of NR), e.g. {@code ./run-bench.sh jmh GemmBench -jvmArgsAppend
 * -Ddensebench.gemm.nc=2048}. Results do not depend on MC or NC; KC changes the order of the
 * k-sum, hence the last bits.
 */
final class GemmTuning {
    private GemmTuning() {
    }

    /** The widest vector shape this CPU runs natively (16 floats with AVX-512). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** Rows of C per micro-tile: one broadcast of A per row per k step. */
    static final int MR = 12;
    /** Columns of C per micro-tile: two vectors, so MR×2 = 24 accumulators stay in registers. */
    static final int NR = 2 * LANES;
    /**
     * Depth of one packed block. BLIS sizes it so that a KC×NR panel of B stays in L1; here a
     * deep block measured faster: Zen 5's L2 streams the panels fast enough, and every extra k
     * block costs one more read-modify-write of C. Alternating KC = 256, 512, 768, 1024 every
     * 250 ms in one JVM: 1024 fastest or level on every shape, e.g. 1 thread
     * 1024³ 164.5 → 180.5 GFLOP/s and 128x784x512 150.6 → 162.7; 2 threads 128x784x512
     * 302.7 → 335.9. An MR×KC panel of A (48 KB) and a KC×NR panel of B (128 KB) then sit in L2.
     */
    static final int KC = Math.max(1, Integer.getInteger("densebench.gemm.kc", 1024));
    /** Rows of A packed at once (a multiple of MR): the A block MC×KC (384 KB) stays in L2; 48–192 measured level. */
    static final int MC = Math.max(MR, Integer.getInteger("densebench.gemm.mc", 96) / MR * MR);
    /**
     * Columns of B packed at once (a multiple of NR): the B block KC×NC (4 MB) lives in L3.
     * NC = 512, 1024, 2048 measured level at 1024³ and 2048³ except 512 (−4 %); 1024 keeps
     * each worker's buffer at 4 MB.
     */
    static final int NC = Math.max(NR, Integer.getInteger("densebench.gemm.nc", 1024) / NR * NR);
    /**
     * Below this many multiply-adds a product is not worth waking other threads for: measured with
     * GemmBench, the 128×512×10 products ran slower on 2 threads than on 1.
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 20;
}
