package dev.densebench.train;

import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/** Small Gaussian-cluster classification problems for fast training tests. */
final class SyntheticData {
    private SyntheticData() {
    }

    static DataSplits clusters(int rows, int features, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] centers = new float[classes][features];
        for (float[] c : centers) for (int j = 0; j < features; j++) c[j] = (float) rng.nextGaussian();
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        return new DataSplits(make("train", rows, centers, rng, names), make("val", rows / 4, centers, rng, names),
                make("test", rows / 4, centers, rng, names));
    }

    private static Dataset make(String name, int rows, float[][] centers, SplittableRandom rng, List<String> names) {
        int f = centers[0].length;
        float[] x = new float[rows * f];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = rng.nextInt(centers.length);
            for (int j = 0; j < f; j++) x[r * f + j] = centers[y[r]][j] + (float) (0.7 * rng.nextGaussian());
        }
        return new Dataset(name, x, y, rows, f, names);
    }
}
