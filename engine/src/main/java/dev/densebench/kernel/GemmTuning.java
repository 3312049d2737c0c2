package dev.densebench.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every tuning constant of the vector kernels in one place (the BLIS/GotoBLAS blocking), one row
 * per vector width and register file.
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
 * <p>The register tile is MR rows × NV vectors of C: MR·NV accumulators, NV vectors of B and one
 * broadcast of A live at once, and they must fit the register file, or C2 spills accumulators to
 * the stack at every k step. The values are chosen once, when this class loads, from
 * {@link VectorWidth}; all are {@code static final}, so C2 folds them into the code.
 *
 * <p>Overrides for tuning on another machine: {@code densebench.gemm.mr}, {@code .nr} (in floats,
 * a multiple of the lane count; together they must name a tile in {@link MicroKernels}),
 * {@code .kc}, {@code .kc-small-c}, {@code .mc} (rounded down to a multiple of MR), {@code .nc}
 * (rounded down to a multiple of NR), {@code .b-row-chunk}, {@code .edge-tiles}, {@code .shared-b} and {@code .dot-cols}, e.g. {@code
 * ./run-bench.sh jmh GemmBench -jvmArgsAppend -Ddensebench.gemm.kc=512}. Results do not depend on
 * MR, NR, MC, NC or the B row chunk; KC, KC_SMALL_C and the dot-product columns change the order
 * of the k-sum, hence the last bits.
 */
final class GemmTuning {
    private GemmTuning() {
    }

    /**
     * One row of the table. {@code narrowRows}: rows of C per register tile on the narrow path
     * (n ≤ LANES: one accumulator per row). {@code narrowVectors}: 2 or 3 when products with
     * LANES < n ≤ narrowVectors·LANES also take the narrow path (6 rows × 2 vectors, 6 × 3 or 4 × 3):
     * otherwise the 10-class layer fills 10 of a 16-wide tile's columns (8 lanes) or 10 of 16
     * columns in two 8-wide panels (4 lanes). {@code transBChunk}: k steps per chunk when packing a
     * transposed B, so that its strided writes stay in L1 (chunk × NR × 4 bytes). {@code kcSmallC}:
     * KC when C is small ({@link #KC_SMALL_C}).
     */
    record Row(int bits, int registers, int mr, int nv, int kc, int kcSmallC, int mc, int nc, int narrowRows,
               int narrowVectors, int transBChunk) {
    }

    /**
     * 512 bits, 32 registers (AVX-512): 12×2 — 24 accumulators + 2 B vectors + 1 broadcast = 27
     * of 32 (BLIS's 32×12 Skylake-X/Zen tile, transposed for row-major C); measured fastest
     * against 6×2 and 8×2 here. KC 1024: a deep block measured faster than BLIS's L1-sized KC on
     * Zen 5 (alternating KC 256–1024 every 250 ms in one JVM: 1024 fastest or level on every
     * shape, e.g. 1 thread 1024³ 164.5 → 180.5 GFLOP/s). MC 96 (48–192 level), NC 1024 (512 −4 %).
     *
     * <p>16 registers (AVX2, SSE): 6×2 (BLIS's Haswell tile), 12 accumulators + 2 B vectors + 1
     * broadcast = 15, which holds only because the tile fences each row's broadcast load (see
     * {@link TilesFor16Registers}). Micro-kernel alone, alternated in one JVM, against the 4×2 (8
     * accumulators) it replaced: 1.21× at 256 and at 128 bits. KC 1024: with the 6×2 tile, KC 512
     * against 1024 alternated in one JVM gave 1024³ 1.05–1.10× at 256 bits (four runs) and
     * 1.05–1.09× at 128 (256×2048×256 alike), level where k ≤ 784: one pass over C instead of two
     * outweighs a B micro-panel (64 KB) that no longer fits L1. But where C is small, 256 bits on
     * an Intel Xeon model 167: KC 512 for small C against 1024 everywhere, 128×784×512 1.05×
     * (k = 784 in two blocks of 392), others level. Measurements in docs/performance-notes.md.
     *
     * <p>32 registers at 128 or 256 bits (NEON, SVE, AVX-512 asked for narrower vectors): the
     * 12×2 tile of the 512-bit row, untested on real NEON.
     */
    static final Row[] TABLE = {
        new Row(512, 32, 12, 2, 1024, 1024, 96, 1024, 12, 1, 128),
        new Row(256, 32, 12, 2, 1024, 1024, 96, 2048, 12, 1, 256),
        new Row(128, 32, 12, 2, 1024, 1024, 96, 2048, 12, 3, 256),
        new Row(256, 16, 6, 2, 1024, 512, 96, 2048, 8, 2, 256),
        new Row(128, 16, 6, 2, 1024, 1024, 96, 2048, 8, 3, 256),
        // No CPU has 512-bit vectors and 16 registers: this row serves only an emulated 512-bit
        // width on an AVX2 machine (the Java fallback, for tests).
        new Row(512, 16, 6, 2, 512, 512, 96, 2048, 8, 1, 128),
    };

    /** The species in use: the width asked for, else the CPU's preferred one. */
    static final VectorSpecies<Float> SPECIES = species(VectorWidth.requestedBits());
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** The register file the tile is sized for: 16 or 32 vector registers. */
    static final int REGISTERS = VectorWidth.vectorRegisters();
    static final Row ROW = row(SPECIES.vectorBitSize(), REGISTERS);

    /** Rows of C per micro-tile: one broadcast of A per row per k step. */
    static final int MR = Integer.getInteger("densebench.gemm.mr", ROW.mr());
    /** Columns of C per micro-tile (NV vectors). */
    static final int NR = Integer.getInteger("densebench.gemm.nr", ROW.nv() * LANES);
    /** Vectors per row of the micro-tile. */
    static final int NV = NR / LANES;
    /** Which unrolled micro-kernel runs: {@link MicroKernels#id}. */
    static final int TILE = MicroKernels.id(MR, NV, NR % LANES == 0);
    /** Depth of one packed block: an MR×KC panel of A and a KC×NR panel of B sit in L2. */
    static final int KC = Math.max(1, Integer.getInteger("densebench.gemm.kc", ROW.kc()));
    /**
     * KC for products whose C has at most {@link #SMALL_C_FLOATS} floats: a second pass over a C
     * that sits in L2 is cheap, and B micro-panels of ≤ 512 k steps fit L1 with the A panel.
     */
    static final int KC_SMALL_C = Math.max(1, Integer.getInteger("densebench.gemm.kc-small-c",
            Math.min(KC, ROW.kcSmallC())));
    /** C of at most this many floats (1 MB) counts as small for {@link #KC_SMALL_C}. */
    static final long SMALL_C_FLOATS = 1L << 18;
    /** Rows of A packed at once (a multiple of MR): the MC×KC block of A stays in L2. */
    static final int MC = Math.max(MR, Integer.getInteger("densebench.gemm.mc", ROW.mc()) / MR * MR);
    /** Columns of B packed at once (a multiple of NR): the KC×NC block of B lives in L3. */
    static final int NC = Math.max(NR, Integer.getInteger("densebench.gemm.nc", ROW.nc()) / NR * NR);
    /** Rows per register tile on the narrow path: 12, 8 or 4 (see {@link NarrowGemm}). */
    static final int NARROW_ROWS = checkedNarrowRows(Integer.getInteger("densebench.gemm.narrow-rows", ROW.narrowRows()));
    /** The widest C the narrow path takes: one or two vectors. */
    static final int NARROW_MAX_COLS = ROW.narrowVectors() * LANES;
    /**
     * Widest C (columns) that the narrow path computes as dot products ({@link DotGemm}) when A is
     * not transposed. At 16 lanes (512 bits), against NarrowGemm in one JVM (Xeon model 167, k
     * 512, m 128): n = 3 3.14×, 8 1.74×, 10 1.31×, 13 1.06×, but 16 0.88× (NarrowGemm's one vector
     * is then full; measured with an earlier copy of Bᵀ), hence n ≤ 13. Off (0) at other widths, where it is unmeasured and NarrowGemm
     * fills more of its lanes. {@code -Ddensebench.gemm.dot-cols=N} overrides it (0: off; it
     * needs 16 lanes).
     */
    static final int DOT_MAX_COLS = LANES != 16 ? 0
            : Math.min(NARROW_MAX_COLS, Integer.getInteger("densebench.gemm.dot-cols", 13));
    /**
     * Whether a last row panel of at most 4 (or 8, with MR = 12) valid rows runs an
     * {@link EdgeTiles} tile instead of the full one over its zero padding; {@code
     * -Ddensebench.gemm.edge-tiles=false} turns them off, to measure them.
     */
    static final boolean EDGE_TILES = Boolean.parseBoolean(System.getProperty("densebench.gemm.edge-tiles", "true"));
    /**
     * Rows of an untransposed B packed across all panels before the next rows (see {@link
     * VectorGemm}'s packB): 16 rows of 16 panels are 16 KB at 256 bits. Measured with 8, 16 and
     * 32 alike, against whole panels one by one: 784×512 0.62 of the time, 1024² 0.63, 512² 0.87.
     */
    static final int B_ROW_CHUNK = Integer.getInteger("densebench.gemm.b-row-chunk", 16);
    /**
     * Whether workers that split C by rows pack one shared copy of B together (see {@link
     * VectorKernels}) rather than a copy each; {@code -Ddensebench.gemm.shared-b=true|false}
     * overrides it. Off by default at 512 bits: on an AVX-512 Xeon (2 MB of L2 per core), 2 threads
     * against OpenBLAS, three alternations, 512³ ran 1.00–1.01 with a copy each and 0.92–0.94
     * shared, 1024³ 0.83 and 0.81–0.83, tn:784x128x512 1.12–1.28 and 1.24–1.27: a block of B that
     * fits one L2 is better packed twice than read from the other core's.
     */
    static final boolean SHARED_B = Boolean.parseBoolean(
            System.getProperty("densebench.gemm.shared-b", String.valueOf(ROW.bits() < 512)));
    /**
     * The smallest kc×nc block of B (512 KB) that the workers share: a smaller one is cheap to
     * pack twice and stays in each core's L2, where a shared one would first cross from the core
     * that packed it. 2 threads on Zen 3, against OpenBLAS, three alternations: 1024³ 0.70–0.86
     * with a copy each, 0.92–0.93 shared; 512³ 0.86–0.95 and 0.90–0.97; tn:784x128x512 (a 256 KB
     * block) 0.83–0.97 and 0.82–0.96.
     */
    static final long SHARED_B_MIN_FLOATS = 1L << 17;
    /** k steps per chunk of the transposed-B packing. */
    static final int TRANS_B_CHUNK = ROW.transBChunk();
    /**
     * Below this many multiply-adds a product is not worth waking other threads for: measured with
     * GemmBench, the 128×512×10 products ran slower on 2 threads than on 1.
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 20;

    /** The tile as people write it: rows × columns of C, e.g. {@code 6x16}. */
    static String tileName() {
        return MR + "x" + NR;
    }

    private static VectorSpecies<Float> species(int bits) {
        return bits == 0 ? FloatVector.SPECIES_PREFERRED : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /** {@link NarrowGemm} has register tiles of 12, 8 and 4 rows. */
    private static int checkedNarrowRows(int rows) {
        if (rows != 12 && rows != 8 && rows != 4) {
            throw new IllegalArgumentException("-Ddensebench.gemm.narrow-rows=" + rows + ": expected 12, 8 or 4");
        }
        return rows;
    }

    static Row row(int bits, int registers) {
        for (Row r : TABLE) {
            if (r.bits() == bits && r.registers() == registers) {
                return r;
            }
        }
        throw new IllegalStateException("no GEMM tuning for " + bits + "-bit vectors with " + registers + " registers");
    }
}
