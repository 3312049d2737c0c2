package dev.densebench.jmh;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.augment.Augmenter;
import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Dropout;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Dropout forward + backward over a batch of 128 × 512 hidden units, and each augmentation over
 * a batch of 128 MNIST-sized images.
 *
 * <p>Run: {@code ./run-bench.sh jmh RegularizerBench -p threads=1}
 */
public class RegularizerBench extends JmhSuite {

    @Param({"shift", "affine", "elastic", "shift,affine,elastic"})
    public String augment;

    @Param({"vector"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private Dropout dropout;
    private Augmenter augmenter;
    private float[] hidden;
    private float[] images;
    private float[] pristine;
    private long seed;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = JmhFixtures.kernels(kernel, threads);
        SplittableRandom rng = new SplittableRandom(1);
        dropout = new Dropout(kernels, 512, 0.5f, 128, new SplittableRandom(2));
        hidden = JmhFixtures.random(rng, 128 * 512, -1, 1);
        augmenter = new Augmenter(AugmentSpec.parse(augment, 2, 10f, 0.1f, 34f, 4f), kernels, 28, 28, 3);
        pristine = JmhFixtures.random(rng, 128 * 784, 0, 1);
        images = pristine.clone();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        JmhFixtures.close(kernels);
    }

    @Benchmark
    public float[] dropoutForwardBackward() {
        dropout.forward(hidden, 128, true);
        return dropout.backward(hidden, 128);
    }

    @Benchmark
    public float[] augmentBatch() {
        // Each call warps fresh pixels (the copy is part of the measured cost, as in training's gather).
        System.arraycopy(pristine, 0, images, 0, images.length);
        augmenter.apply(images, 128, seed++);
        return images;
    }
}
