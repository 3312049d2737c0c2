package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Datasets;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.Sgd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real MNIST files: 6,000 training images, 2 epochs, the full 10,000-image
 * test set, at least 90 % accuracy. The data directory comes from -Ddensebench.dataDir, which
 * {@code ./run-bench.sh test} sets after fetching and verifying the files.
 */
class MnistEndToEndTest {
    @Test
    void smallMnistSubsetReachesNinetyPercent() throws Exception {
        String dir = System.getProperty("densebench.dataDir", "");
        assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "mnist")),
                "MNIST not available: run through ./run-bench.sh test, which fetches it");
        assumeTrue(VectorKernels.fullSpeed(), "this width runs on the Vector API's Java fallback: the kernel tests cover it");
        DataSplits data = Datasets.load("mnist", Path.of(dir), 1, Datasets.DEFAULT_IMAGE_VALIDATION, 6_000);
        try (VectorKernels k = new VectorKernels(2)) {
            NetworkSpec spec = new NetworkSpec(784, new int[] {256}, Activation.RELU, "softmax", 10);
            Network net = new Network(spec, k, 16, 1);
            Trainer trainer = new Trainer(net, new Sgd(k, net.params(), 0.1f, 0f, 0f), data, TrainOptions.basic(16, 1));
            List<EpochStats> history = trainer.fit(2, TrainingListener.NONE).epochs();
            double acc = history.get(1).testAccuracy();
            System.out.printf("MNIST 6,000-image subset, 2 epochs: test accuracy %.2f %%%n", 100 * acc);
            assertTrue(acc >= 0.90, "test accuracy " + acc);
        }
    }
}
