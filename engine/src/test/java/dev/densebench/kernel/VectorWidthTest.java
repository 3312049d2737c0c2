package dev.densebench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The width a test fork asked for is the width the kernels run (so a fork cannot silently test
 * the build machine's width again), and the tile fits the register file it was chosen for.
 */
class VectorWidthTest {

    @Test
    void forkRunsTheWidthItAskedFor() {
        String fork = System.getProperty("densebench.test.fork", "native");
        String expected = System.getProperty("densebench.test.expectBits");
        System.out.printf("test fork %-16s %s%s%n", fork, VectorKernels.describe(),
                VectorKernels.fullSpeed() ? ", native" : ", Java fallback (fewer, smaller cases)");
        if (expected != null && !expected.isBlank()) {
            assertEquals(Integer.parseInt(expected), VectorKernels.vectorBits());
        }
        assertEquals(GemmTuning.SPECIES.length() * 32, VectorKernels.vectorBits());
        String registers = System.getProperty("densebench.test.expectRegisters");
        if (registers != null && !registers.isBlank()) {
            assertEquals(Integer.parseInt(registers), GemmTuning.REGISTERS);
        }
    }

    @Test
    void aRegisterFileOtherThan16Or32IsRefusedByName() {
        assertEquals(32, VectorWidth.parseRegisters(" 32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.parseRegisters("24"));
        assertTrue(e.getMessage().contains("densebench.vector.registers=24") && e.getMessage().contains("16 or 32"), e.getMessage());
    }

    /** Accumulators + B vectors + one broadcast must fit, or C2 spills accumulators every k step. */
    @Test
    void everyTileFitsItsRegisterFile() {
        for (GemmTuning.Row row : GemmTuning.TABLE) {
            int live = row.mr() * row.nv() + row.nv() + 1;
            assertTrue(live <= row.registers(), () -> row + " needs " + live + " registers");
            assertTrue(row.narrowRows() + 2 <= row.registers(), () -> row + " narrow path");
            assertEquals(0, row.mc() % row.mr(), () -> row + ": MC is a multiple of MR");
        }
        // Every width has a row for both register files (16: SSE/AVX2, 32: AVX-512/NEON/SVE).
        for (int bits : new int[] {128, 256, 512}) {
            for (int registers : new int[] {16, 32}) {
                assertEquals(bits, GemmTuning.row(bits, registers).bits());
            }
        }
        assertEquals(GemmTuning.ROW, GemmTuning.row(VectorKernels.vectorBits(), GemmTuning.REGISTERS));
    }

    @Test
    void aWidthThatIsNotAVectorShapeIsRefusedByName() {
        String old = System.getProperty(VectorWidth.PROPERTY);
        try {
            System.setProperty(VectorWidth.PROPERTY, "300");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, VectorWidth::requestedBits);
            assertTrue(e.getMessage().contains("densebench.vector.bits=300"), e.getMessage());
            System.setProperty(VectorWidth.PROPERTY, "64");
            assertTrue(KernelsFactory.vectorUnavailableReason().contains("below 128"));
            StringBuilder notice = new StringBuilder();
            assertEquals("scalar", KernelsFactory.create("vector", 1, notice::append).name());
            assertTrue(notice.toString().contains("falling back to scalar"), notice.toString());
        } finally {
            if (old == null) System.clearProperty(VectorWidth.PROPERTY);
            else System.setProperty(VectorWidth.PROPERTY, old);
        }
    }
}
