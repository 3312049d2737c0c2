package dev.densebench.jmh;

import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Dataset;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Shared set-up for the JMH suites: kernels by name, random inputs, a synthetic MNIST-shaped dataset. */
final class JmhFixtures {
    private JmhFixtures() {
    }

    static Kernels kernels(String name, int threads) {
        return KernelsFactory.create(name, threads, System.err::println);
    }

    static void close(Kernels k) throws Exception {
        if (k instanceof AutoCloseable c) c.close();
    }

    static float[] random(SplittableRandom rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble(lo, hi);
        return x;
    }

    /**
     * Random 28×28 "images" in [0, 1] with random labels: the shapes and the memory traffic of
     * MNIST without reading it, so a step benchmark needs no data files.
     */
    static DataSplits mnistShaped(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = random(rng, rows * 784, 0, 1);
        int[] y = IntStream.range(0, rows).map(i -> rng.nextInt(10)).toArray();
        List<String> names = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        Dataset d = new Dataset("mnist-shaped", x, y, rows, 784, names);
        return new DataSplits(d, d, d);
    }
}
