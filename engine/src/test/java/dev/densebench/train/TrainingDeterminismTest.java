package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, same kernels, same bits; any thread count, same bits; a step allocates nothing. */
class TrainingDeterminismTest {
    static final DataSplits DATA = SyntheticData.clusters(1000, 40, 5, 99);
    static final NetworkSpec SPEC = new NetworkSpec(40, new int[] {64, 48}, Activation.RELU, "softmax", 5);

    static List<float[]> train(Kernels k, long seed, int epochs) {
        Network net = new Network(SPEC, k, 64, seed);
        Trainer trainer = new Trainer(net, new Sgd(k, net.params(), 0.05f, 0f, 0f), DATA, TrainOptions.basic(64, seed));
        trainer.fit(epochs, TrainingListener.NONE);
        return net.params().stream().map(p -> p.value().clone()).toList();
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        try (VectorKernels a = new VectorKernels(1); VectorKernels b = new VectorKernels(1)) {
            assertWeightsEqual(train(a, 42, 2), train(b, 42, 2));
        }
        assertWeightsEqual(train(new ScalarKernels(), 42, 1), train(new ScalarKernels(), 42, 1));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        try (VectorKernels one = new VectorKernels(1); VectorKernels two = new VectorKernels(2)) {
            assertWeightsEqual(train(one, 7, 2), train(two, 7, 2));
        }
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        try (VectorKernels k = new VectorKernels(1)) {
            assertTrue(!java.util.Arrays.equals(train(k, 1, 1).get(0), train(k, 2, 1).get(0)));
        }
    }

    @Test
    void trainingLearnsTheClusters() {
        try (VectorKernels k = new VectorKernels(1)) {
            Network net = new Network(SPEC, k, 64, 3);
            Trainer trainer = new Trainer(net, new Sgd(k, net.params(), 0.05f, 0f, 0f), DATA, TrainOptions.basic(64, 3));
            List<EpochStats> h = trainer.fit(3, TrainingListener.NONE).epochs();
            assertTrue(h.get(2).trainLoss() < h.get(0).trainLoss(), "loss should fall");
            assertTrue(h.get(2).testAccuracy() > 0.9, "clusters are separable: test accuracy " + h.get(2).testAccuracy());
        }
    }

    @Test
    void trainingStepAllocatesNothingAfterWarmUp() {
        // On a width the CPU lacks the Vector API runs its Java fallback, which allocates per
        // operation by design: only compiled vector code can be allocation-free.
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorKernels.fullSpeed(), "Java fallback: allocates by design");
        for (int threads : new int[] {1, 2}) {
            try (VectorKernels k = new VectorKernels(threads)) {
                Network net = new Network(SPEC, k, 64, 1);
                Trainer trainer = new Trainer(net, new Sgd(k, net.params(), 0.05f, 0f, 0f), DATA, TrainOptions.basic(64, 1));
                // 1000 rows: batches of 64 and a last partial batch of 40 rows.
                long allocated = StepAllocation.bytesPer100Steps(trainer, 4000);
                assertEquals(0, allocated, "bytes allocated by 100 training steps with " + threads + " thread(s)");
            }
        }
    }

    static void assertWeightsEqual(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
    }

}
