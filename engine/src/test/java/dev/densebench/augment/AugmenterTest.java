package dev.densebench.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.kernel.ScalarKernels;
import dev.densebench.kernel.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image augmentation: identity at zero strength, exact shifts, value range, determinism. */
class AugmenterTest {
    static final int W = 28;

    static float[] images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * W * W];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        return x;
    }

    @Test
    void zeroParametersGiveTheIdentity() {
        float[] src = images(1, 1);
        float[] dst = new float[W * W];
        ImageWarp.warp(src, 0, dst, 0, W, W, 0, 0, 0, 1, null, null);
        assertArrayEquals(src, dst);
        // The same through the augmenter with every kind switched on at zero strength.
        AugmentSpec zero = new AugmentSpec(true, true, true, 0, 0f, 0f, 0f, 4f);
        float[] batch = images(5, 2);
        float[] before = batch.clone();
        new Augmenter(zero, new ScalarKernels(), W, W, 7).apply(batch, 5, 99);
        assertArrayEquals(before, batch);
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "0, 1", "-2, 3", "5, -4"})
    void shiftMovesByExactlyThatManyPixels(int tx, int ty) {
        float[] src = images(1, 3);
        float[] dst = new float[W * W];
        ImageWarp.warp(src, 0, dst, 0, W, W, tx, ty, 0, 1, null, null);
        for (int y = 0; y < W; y++) {
            for (int x = 0; x < W; x++) {
                int sx = x - tx, sy = y - ty;
                float expected = sx < 0 || sy < 0 || sx >= W || sy >= W ? 0f : src[sy * W + sx];
                assertEquals(expected, dst[y * W + x], 0f, "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void shapeAndRangeKept() {
        AugmentSpec all = AugmentSpec.parse("shift,affine,elastic", 3, 15f, 0.15f, 34f, 4f);
        float[] batch = images(64, 4);
        int length = batch.length;
        new Augmenter(all, new ScalarKernels(), W, W, 5).apply(batch, 64, 123);
        assertEquals(length, batch.length);
        for (float v : batch) assertTrue(v >= 0f && v <= 1f, "value " + v + " outside [0, 1]");
    }

    @Test
    void sameSeedSameImagesWhateverTheThreadCount() {
        AugmentSpec all = AugmentSpec.parse("shift,affine,elastic", 2, 10f, 0.1f, 34f, 4f);
        float[] a = images(33, 6), b = a.clone(), c = a.clone();
        new Augmenter(all, new ScalarKernels(), W, W, 9).apply(a, 33, 77);
        try (VectorKernels two = new VectorKernels(2)) {
            new Augmenter(all, two, W, W, 9).apply(b, 33, 77);
        }
        new Augmenter(all, new ScalarKernels(), W, W, 9).apply(c, 33, 78);
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c), "a different batch seed gives different images");
    }

    @Test
    void unknownKindIsRejectedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AugmentSpec.parse("shift,flip", 2, 10f, 0.1f, 34f, 4f));
        assertTrue(e.getMessage().contains("'flip'"));
    }
}
