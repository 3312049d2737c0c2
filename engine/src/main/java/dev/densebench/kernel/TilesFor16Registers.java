package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import java.lang.invoke.VarHandle;
import jdk.incubator.vector.FloatVector;

/**
 * The register tile for 16 vector registers (SSE, AVX2); see {@link MicroKernels} for the contract.
 *
 * <p>6 rows × 2 vectors, BLIS's Haswell tile: 12 accumulators, 2 B vectors and 1 broadcast = 15
 * registers. Twelve independent FMA chains are what it takes to keep two FMA units busy through
 * a 4-cycle latency with slack (8 chains, the 4×2 tile, leave none: any integer µop that takes an
 * FMA port stalls a chain).
 *
 * <p>Why the fences: C2 schedules every load of a k step before its FMAs, which would make all six
 * broadcasts live at once (12 + 2 + 6 = 20 registers, so accumulators spill to the stack and their
 * chains run through memory). {@code VarHandle.loadLoadFence()} emits no instruction on x86 (loads
 * are not reordered there), but C2 does not move a load across it, so each row's broadcast is
 * loaded just before that row's two FMAs and one broadcast register suffices. Micro-kernel alone,
 * 256-bit, alternated in one JVM: 1.21× the 4×2 tile (the 6×2 without fences 0.89×, spilling).
 * On aarch64 the fence is a real barrier ({@code dmb ishld}), but there the 32-register tile runs.
 */
final class TilesFor16Registers {
    private TilesFor16Registers() {
    }

    /** 6 rows × 2 vectors: 12 accumulators, one broadcast live at a time (see the class comment). */
    static void tile6x2(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < kc; p++, ai += 6, bi += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector a;
            a = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(tile, 0 * LANES);
        c01.intoArray(tile, 1 * LANES);
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
}
