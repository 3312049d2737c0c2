package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.nn.Param;
import dev.densebench.optim.OptimizerSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same bits — whether the Vector API code runs in the interpreter or compiled by C2.
 * A run's early batches execute before the JIT has compiled the kernels, so any kernel whose
 * interpreted and compiled forms round differently (lanewise EXP/TANH intrinsics, unordered ADD
 * reductions) makes two processes with the same seed disagree. This trains a small network with
 * tanh, softmax, Adam, dropout, max-norm and augmentation in a JVM that only interprets
 * ({@code -Xint}) and here after warm-up, and compares every weight bit.
 */
class JitIndependenceTest {
    static final DataSplits DATA = SyntheticData.clusters(600, 49, 5, 11);

    /** Trains 30 steps from seed 5 and returns a digest of every parameter's bits. */
    static String trainAndDigest() {
        try (VectorKernels k = new VectorKernels(2)) {
            NetworkSpec spec = new NetworkSpec(49, new int[] {40, 24}, Activation.TANH, "softmax", 5, new float[] {0.1f, 0.2f, 0.2f});
            Network net = new Network(spec, k, 32, 5);
            OptimizerSpec opt = OptimizerSpec.withDefaults("adam", 0.01f, null, null, null, null, null, 1e-4f, 1e-3f);
            Trainer trainer = new Trainer(net, opt.create(k, net.params()), DATA,
                    new TrainOptions(32, 5, Schedule.constant(), 0, 3f, AugmentSpec.parse("shift,affine,elastic", 1, 10f, 0.1f, 4f, 1.5f)));
            trainer.shuffleOrder();
            for (int i = 0; i < 30; i++) trainer.trainBatch(32 * (i % 18), 32);
            return digest(net.params());
        }
    }

    static String digest(List<Param> params) {
        long h = 1125899906842597L;
        for (Param p : params) {
            for (float v : p.value()) h = 31 * h + Float.floatToRawIntBits(v);
        }
        return Long.toHexString(h);
    }

    /** Entry point of the interpreted JVM: prints the digest. */
    public static void main(String[] args) {
        System.out.println(trainAndDigest());
    }

    @Test
    void interpretedAndCompiledRunsGiveTheSameBits() throws IOException, InterruptedException {
        String interpreted = runInterpreted();
        // Here: run it until C2 has compiled the kernels (the digest must not change on the way).
        String compiled = trainAndDigest();
        // On the Vector API's Java fallback (an emulated width) C2 has nothing to intrinsify; a few runs do.
        for (int i = 0, runs = VectorKernels.fullSpeed() ? 60 : 3; i < runs; i++) {
            assertEquals(compiled, trainAndDigest(), "same seed, same JVM, run " + i);
        }
        assertEquals(interpreted, trainAndDigest(), "interpreted (-Xint) and JIT-compiled runs must agree bit for bit");
    }

    private static String runInterpreted() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-Xint", "--add-modules=jdk.incubator.vector"));
        // The same vector width and instruction set as this fork (-XX:UseAVX, -XX:MaxVectorSize,
        // -Ddensebench.vector.bits), so that both sides run the same tile.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:UseAVX") || arg.startsWith("-XX:MaxVectorSize") || arg.startsWith("-XX:+IgnoreUnrecognized")
                    || arg.startsWith("-Ddensebench.vector") || arg.startsWith("-Ddensebench.gemm")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JitIndependenceTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the -Xint JVM failed (exit " + p.exitValue() + "): " + out);
        }
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }
}
