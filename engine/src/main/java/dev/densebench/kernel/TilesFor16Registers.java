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
 *
 * <p>Why two k steps per iteration, indexed from p: C2 neither unrolls this loop nor reduces its
 * index arithmetic, so each iteration spends about 10 integer instructions on {@code ai + 6p},
 * {@code bi + 2·LANES·p} and the loop test. Two steps per iteration share them (hsdis: 26
 * instructions per k step instead of 30, no spill, the range checks hoisted out of the loop),
 * which matters where issue slots are scarce: a 4-wide core, or a core shared with another
 * thread. Whole products alternated with the one-step loop, 256-bit: 1.03-1.13; 128-bit with 16
 * registers: 1.03-1.06. Written with running indices ({@code ai += 12}) C2 keeps range checks
 * in the loop; unrolled by 4, the micro-kernel alone ran 0.7-0.8 of this.
 */
final class TilesFor16Registers {
    private TilesFor16Registers() {
    }

    /** 6 rows × 2 vectors: 12 accumulators, one broadcast live at a time (see the class comment). */
    static void tile6x2(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(SPECIES);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z;
        FloatVector a, b0, b1;
        int p = 0;
        if ((kc & 1) != 0) {
            // An odd kc: step 0 alone, then pairs (the same k order, so the same bits).
            b0 = FloatVector.fromArray(SPECIES, pb, bi);
            b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            a = FloatVector.broadcast(SPECIES, pa[ai + 0]);
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
            p = 1;
        }
        for (; p < kc; p += 2) {
            // Step p, then step p + 1.
            b0 = FloatVector.fromArray(SPECIES, pb, bi + p * 2 * LANES);
            b1 = FloatVector.fromArray(SPECIES, pb, bi + p * 2 * LANES + LANES);
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            VarHandle.loadLoadFence();
            b0 = FloatVector.fromArray(SPECIES, pb, bi + p * 2 * LANES + 2 * LANES);
            b1 = FloatVector.fromArray(SPECIES, pb, bi + p * 2 * LANES + 2 * LANES + LANES);
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            VarHandle.loadLoadFence();
            a = FloatVector.broadcast(SPECIES, pa[ai + p * 6 + 6 + 5]);
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
