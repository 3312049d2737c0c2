package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.Sgd;
import org.junit.jupiter.api.Test;

/** A run whose loss stops being finite ends at that batch, and says so, instead of training on NaN. */
class DivergenceTest {

    @Test
    void aHugeLearningRateStopsAtTheFirstNonFiniteBatch() {
        DataSplits data = SyntheticData.clusters(400, 20, 3, 7);
        ScalarKernels k = new ScalarKernels();
        Network net = new Network(new NetworkSpec(20, new int[] {16}, Activation.RELU, "softmax", 3), k, 32, 1);
        Trainer trainer = new Trainer(net, new Sgd(k, net.params(), 1e30f, 0f, 0f), data, TrainOptions.basic(32, 1));
        TrainResult r = trainer.fit(5, TrainingListener.NONE);
        assertEquals(TrainResult.DIVERGED, r.status());
        assertEquals(1, r.divergedEpoch(), "the first epoch already blows up");
        assertTrue(r.divergedBatch() >= 2 && r.divergedBatch() <= trainer.batchesPerEpoch(), "batch " + r.divergedBatch());
        assertTrue(r.epochs().isEmpty(), "no epoch completed");
        assertTrue(Double.isNaN(r.finalTest().accuracy()), "no accuracy is reported for a diverged run");
    }

    @Test
    void aWeightThatTurnsNonFiniteInTheLastBatchStopsTheRunAtThatBatch() {
        DataSplits data = SyntheticData.clusters(400, 20, 3, 7);
        ScalarKernels k = new ScalarKernels();
        Network net = new Network(new NetworkSpec(20, new int[] {16}, Activation.RELU, "softmax", 3), k, 32, 1);
        Sgd sgd = new Sgd(k, net.params(), 0.05f, 0f, 0f);
        int batches = (400 + 31) / 32;
        // An update that leaves one infinite weight after the epoch's last batch, which no loss sees.
        dev.densebench.optim.Optimizer poisoning = new dev.densebench.optim.Optimizer() {
            public String name() { return "poisoning"; }
            public void step() {
                sgd.step();
                if (sgd.steps() == batches) net.params().get(0).value()[3] = Float.POSITIVE_INFINITY;
            }
            public float learningRate() { return sgd.learningRate(); }
            public void setLearningRate(float lr) { sgd.setLearningRate(lr); }
            public long steps() { return sgd.steps(); }
            public java.util.Map<String, float[]> state() { return sgd.state(); }
            public void resumeAt(long steps) { sgd.resumeAt(steps); }
        };
        TrainResult r = new Trainer(net, poisoning, data, TrainOptions.basic(32, 1)).fit(3, TrainingListener.NONE);
        assertEquals(TrainResult.DIVERGED, r.status());
        assertEquals(1, r.divergedEpoch());
        assertEquals(batches, r.divergedBatch());
    }

    @Test
    void anOrdinaryRunCompletes() {
        DataSplits data = SyntheticData.clusters(400, 20, 3, 7);
        ScalarKernels k = new ScalarKernels();
        Network net = new Network(new NetworkSpec(20, new int[] {16}, Activation.RELU, "softmax", 3), k, 32, 1);
        TrainResult r = new Trainer(net, new Sgd(k, net.params(), 0.05f, 0f, 0f), data, TrainOptions.basic(32, 1)).fit(2, TrainingListener.NONE);
        assertEquals(TrainResult.COMPLETED, r.status());
        assertEquals(0, r.divergedEpoch());
    }
}
