package dev.densebench.jmh;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.OptimizerSpec;
import dev.densebench.train.Schedule;
import dev.densebench.train.TrainOptions;
import dev.densebench.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of 784-512-512-10 at batch 128 (gather, augment, forward, loss,
 * backward, optimizer update, max-norm) per optimizer and regularizer, kernels and threads.
 * Multiply by 430 batches for the cost of a 55,000-image epoch.
 *
 * <p>Run: {@code ./run-bench.sh jmh TrainStepBench -p optimizer=adam -p regularizer=none,dropout}
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBench extends JmhSuite {

    @Param({"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "adagrad"})
    public String optimizer;

    /** none, l2, weight-decay, dropout, max-norm, augment (shift,affine,elastic). */
    @Param({"none", "l2", "weight-decay", "dropout", "max-norm", "augment"})
    public String regularizer;

    @Param({"vector"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private Trainer trainer;
    private int batch;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = JmhFixtures.kernels(kernel, threads);
        float[] dropout = regularizer.equals("dropout") ? new float[] {0.2f, 0.5f, 0.5f} : new float[3];
        NetworkSpec spec = new NetworkSpec(784, new int[] {512, 512}, Activation.RELU, "softmax", 10, dropout);
        Network net = new Network(spec, kernels, 128, 1);
        Float l2 = regularizer.equals("l2") ? 1e-4f : null;
        Float wd = regularizer.equals("weight-decay") ? 1e-2f : null;
        OptimizerSpec opt = OptimizerSpec.withDefaults(optimizer, null, null, null, null, null, null, l2, wd);
        AugmentSpec augment = regularizer.equals("augment") ? AugmentSpec.parse("shift,affine,elastic", 2, 10f, 0.1f, 34f, 4f)
                : AugmentSpec.none();
        float maxNorm = regularizer.equals("max-norm") ? 3f : 0f;
        trainer = new Trainer(net, opt.create(kernels, net.params()), JmhFixtures.mnistShaped(2048, 1),
                new TrainOptions(128, 1, Schedule.constant(), 0, maxNorm, augment));
        trainer.shuffleOrder();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        JmhFixtures.close(kernels);
    }

    @Benchmark
    public void step() {
        trainer.trainBatch(128 * (batch++ & 15), 128);
    }
}
