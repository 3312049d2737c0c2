package dev.densebench.kernel;

import java.lang.management.ManagementFactory;

/**
 * The vector width and register file the kernels are built for, decided once at start-up and
 * readable without loading the Vector API (so that {@link KernelsFactory} can explain a fallback
 * when the incubator module is absent).
 *
 * <p>{@code -Ddensebench.vector.bits=128|256|512} chooses the width, the way Lucene's tests
 * choose a vector size; the default is the CPU's preferred species. A width wider than the
 * CPU's runs on the Vector API's Java fallback: correct, far too slow to measure, which is what
 * the width test forks use it for.
 */
public final class VectorWidth {
    private VectorWidth() {
    }

    /** The system property that picks the width. */
    public static final String PROPERTY = "densebench.vector.bits";

    /**
     * The system property that overrides the register file the tile is chosen for, 16 or 32: so
     * that an AVX2 machine also tests the 32-register tiles (NEON's 12×8, AVX-512's 12×32), which
     * there spill but stay correct. Not for speed.
     */
    public static final String REGISTERS_PROPERTY = "densebench.vector.registers";

    /** The narrowest width the vector path supports; below it the scalar kernels run. */
    static final int MIN_BITS = 128;

    /**
     * The width asked for with {@value #PROPERTY}, or 0 when it is unset (use the preferred
     * species). Only 128, 256 and 512 are legal; anything else names the property and the value.
     */
    static int requestedBits() {
        String raw = System.getProperty(PROPERTY);
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        return switch (raw.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            case "64" -> 64; // legal to ask for, and answered with the scalar fallback
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + raw + ": expected 128, 256 or 512");
        };
    }

    /**
     * Vector registers the JIT can allocate: 32 on aarch64 (NEON and SVE) and on x86 with
     * AVX-512 enabled (EVEX encodes xmm/ymm/zmm16–31), else 16 (SSE and AVX2; also an AVX-512
     * CPU run with {@code -XX:UseAVX=2}). Read from HotSpot's own {@code UseAVX} flag, so that
     * the tile follows what the JIT was told, not what the CPU could do; {@value
     * #REGISTERS_PROPERTY} overrides it (for tests).
     */
    public static int vectorRegisters() {
        return REGISTERS;
    }

    private static final int REGISTERS = readVectorRegisters();

    /**
     * Whether the JIT emits FMA instructions ({@code UseFMA}); without them (SSE, or
     * {@code -XX:UseAVX=0}) the Vector API's {@code fma} runs in its Java fallback, correct but
     * slower than scalar code.
     */
    public static boolean fmaInHardware() {
        return FMA;
    }

    private static final boolean FMA = !"false".equals(hotspotFlag("UseFMA"));

    private static String hotspotFlag(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, no such flag, or no management module
        }
    }

    private static int readVectorRegisters() {
        String asked = System.getProperty(REGISTERS_PROPERTY);
        if (asked != null && !asked.isBlank()) {
            return parseRegisters(asked);
        }
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        String useAvx = hotspotFlag("UseAVX");
        // Not HotSpot: assume the smaller register file.
        return useAvx != null && Integer.parseInt(useAvx) >= 3 ? 32 : 16;
    }

    /** {@value #REGISTERS_PROPERTY}'s value: 16 or 32, else an error that names the property. */
    static int parseRegisters(String raw) {
        return switch (raw.trim()) {
            case "16" -> 16;
            case "32" -> 32;
            default -> throw new IllegalArgumentException("-D" + REGISTERS_PROPERTY + "=" + raw + ": expected 16 or 32");
        };
    }
}
