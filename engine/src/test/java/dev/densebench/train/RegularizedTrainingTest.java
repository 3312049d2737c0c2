package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping restores the best epoch; every optimizer and regularizer keeps the step allocation-free. */
class RegularizedTrainingTest {
    static final DataSplits DATA = SyntheticData.clusters(1000, 49, 5, 99);   // 49 = 7×7 "images"

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        try (VectorKernels k = new VectorKernels(1)) {
            NetworkSpec spec = new NetworkSpec(49, new int[] {32}, Activation.RELU, "softmax", 5);
            // A rate large enough that validation accuracy wanders, so the best epoch is not the last.
            List<List<float[]>> snapshots = new ArrayList<>();
            Network net = new Network(spec, k, 50, 4);
            OptimizerSpec opt = OptimizerSpec.withDefaults("sgd", 0.8f, null, null, null, null, null, null, null);
            Trainer trainer = new Trainer(net, opt.create(k, net.params()), DATA,
                    new TrainOptions(50, 4, Schedule.constant(), 3, 0f, AugmentSpec.none()));
            TrainResult result = trainer.fit(12, new TrainingListener() {
                @Override
                public void onEpoch(EpochStats s) {
                    snapshots.add(net.params().stream().map(p -> p.value().clone()).toList());
                }
            });
            int best = result.bestEpoch();
            double bestVal = result.epochs().stream().mapToDouble(EpochStats::valAccuracy).max().orElseThrow();
            assertEquals(bestVal, result.epochs().get(best - 1).valAccuracy(), 0.0);
            List<float[]> expected = snapshots.get(best - 1);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), net.params().get(i).value(), "parameter " + i + " is the best epoch's");
            }
            assertEquals(result.epochs().get(best - 1).valAccuracy(), result.finalValidation().accuracy(), 1e-12);
            if (result.stoppedEarly()) {
                assertEquals(best + 3, result.epochs().size(), "stops after 3 epochs without improvement");
            }
        }
    }

    @Test
    void everyOptimizerAndRegularizerStepAllocatesNothing() {
        // On a width the CPU lacks the Vector API runs its Java fallback, which allocates per
        // operation by design: only compiled vector code can be allocation-free.
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorKernels.fullSpeed(), "Java fallback: allocates by design");
        AugmentSpec augment = AugmentSpec.parse("shift,affine,elastic", 1, 10f, 0.1f, 8f, 2f);
        try (VectorKernels k = new VectorKernels(2)) {
            for (String name : OptimizerSpec.NAMES) {
                NetworkSpec spec = new NetworkSpec(49, new int[] {40, 24}, Activation.RELU, "softmax", 5, new float[] {0.2f, 0.5f, 0.3f});
                Network net = new Network(spec, k, 64, 1);
                OptimizerSpec opt = OptimizerSpec.withDefaults(name, null, null, null, null, null, null, 1e-4f, 1e-3f);
                Trainer trainer = new Trainer(net, opt.create(k, net.params()), DATA,
                        new TrainOptions(64, 1, new Schedule("cosine", 1f, 1f, 1f), 2, 3f, augment));
                assertEquals(0, StepAllocation.bytesPer100Steps(trainer, 3000),
                        "bytes allocated by 100 steps of " + name + " with L2, decay, dropout, max-norm, augmentation");
            }
        }
    }

}
