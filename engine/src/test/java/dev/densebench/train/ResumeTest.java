package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped after any epoch and continued from its saved state ends with the weights, the
 * optimizer state and the per-epoch figures of the uninterrupted run, bit for bit: with every
 * random stream in use (dropout, augmentation, shuffling), a schedule, and early stopping.
 */
class ResumeTest {
    static final DataSplits DATA = SyntheticData.clusters(600, 49, 5, 7);   // 7×7 "images" for augmentation
    static final int EPOCHS = 6;

    @ParameterizedTest(name = "{0}, stopped after epoch {1}, {2} thread(s) then {3}")
    @CsvSource({"adam, 1, 1, 2", "adam, 3, 2, 1", "momentum, 5, 1, 1", "rmsprop, 2, 2, 2", "adamw, 4, 1, 2"})
    void resumedRunEqualsTheUninterruptedOne(String optimizer, int stopAfter, int threadsBefore, int threadsAfter) {
        Run whole = new Run(optimizer, 1, 0);
        TrainResult expected = whole.trainer.fit(EPOCHS, TrainingListener.NONE);

        List<TrainingState> saved = new ArrayList<>();
        Run first = new Run(optimizer, threadsBefore, 0);
        first.trainer.checkpointTo(state -> {
            saved.add(state);
            if (saved.size() == stopAfter) throw new Killed();    // the process dies after writing this checkpoint
        }, 1);
        assertThrows(Killed.class, () -> first.trainer.fit(EPOCHS, TrainingListener.NONE));
        Run second = new Run(optimizer, threadsAfter, 0);
        second.trainer.restore(saved.get(stopAfter - 1));
        TrainResult resumed = second.trainer.fit(EPOCHS, TrainingListener.NONE);

        assertEquals(figures(expected), figures(resumed), "per-epoch losses, accuracies and rates");
        for (int i = 0; i < whole.net.params().size(); i++) {
            assertArrayEquals(whole.net.params().get(i).value(), second.net.params().get(i).value(), "parameter " + i);
        }
        whole.close();
        first.close();
        second.close();
    }

    @Test
    void earlyStoppingStateSurvivesAResume() {
        Run whole = new Run("sgd", 1, 2);
        TrainResult expected = whole.trainer.fit(12, TrainingListener.NONE);
        List<TrainingState> saved = new ArrayList<>();
        Run first = new Run("sgd", 1, 2);
        first.trainer.checkpointTo(saved::add, 1);
        first.trainer.fit(12, TrainingListener.NONE);
        // Resume from every checkpoint, including the one written when early stopping fired.
        for (TrainingState s : saved) {
            Run again = new Run("sgd", 1, 2);
            again.trainer.restore(s);
            TrainResult r = again.trainer.fit(12, TrainingListener.NONE);
            assertEquals(expected.bestEpoch(), r.bestEpoch(), "after epoch " + s.epochsDone());
            assertEquals(expected.finalTest(), r.finalTest(), "after epoch " + s.epochsDone());
            assertEquals(expected.status(), r.status());
            again.close();
        }
        whole.close();
        first.close();
    }

    @Test
    void aStateOfAnotherNetworkIsRefused() {
        List<TrainingState> saved = new ArrayList<>();
        Run adam = new Run("adam", 1, 0);
        adam.trainer.checkpointTo(saved::add, 1);
        adam.trainer.fit(1, TrainingListener.NONE);
        Run sgd = new Run("sgd", 1, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.trainer.restore(saved.get(0)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("optim/m.0"), e.getMessage());
        adam.close();
        sgd.close();
    }

    static final class Killed extends RuntimeException {
    }

    /** Every epoch's losses, accuracies and learning rate; not its wall times. */
    static List<List<Double>> figures(TrainResult r) {
        return r.epochs().stream().map(e -> List.of((double) e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(),
                e.testLoss(), e.testAccuracy(), (double) e.learningRate())).toList();
    }

    /** A network, optimizer and trainer with dropout, augmentation and a cosine schedule with warm-up. */
    private static final class Run implements AutoCloseable {
        final VectorKernels kernels;
        final Network net;
        final Trainer trainer;

        Run(String optimizer, int threads, int patience) {
            kernels = new VectorKernels(threads);
            NetworkSpec spec = new NetworkSpec(49, new int[] {24, 16}, Activation.RELU, "softmax", 5, new float[] {0.1f, 0.3f, 0.2f});
            net = new Network(spec, kernels, 40, 11);
            float lr = optimizer.equals("sgd") ? 0.8f : optimizer.startsWith("adam") || optimizer.equals("rmsprop") ? 0.003f : 0.05f;
            OptimizerSpec opt = OptimizerSpec.withDefaults(optimizer, lr, null, null, null, null, null, null, null);
            AugmentSpec augment = AugmentSpec.parse("shift,affine,elastic", 1, 10f, 0.1f, 8f, 2f);
            trainer = new Trainer(net, opt.create(kernels, net.params()), DATA,
                    new TrainOptions(40, 11, new Schedule("cosine", 1f, 1f, 1f), patience, 0f, augment));
        }

        @Override
        public void close() {
            kernels.close();
        }
    }
}
