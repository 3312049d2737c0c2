package dev.densebench.augment;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.WorkerPool;
import java.util.SplittableRandom;

/**
 * Augments a batch of W×H images in place, training data only. Each image draws its own
 * parameters from a generator seeded by (batch seed, image index), so the result does not
 * depend on how the batch is split over threads; the batch seed comes from the run's
 * augmentation stream. Work is spread over the kernels' worker threads.
 *
 * <p>Elastic distortion (Simard et al. 2003) needs a Gaussian-smoothed random field per image;
 * blurring two fresh 28×28 fields costs more than the training step itself, so a bank of
 * {@value #FIELD_BANK} fields (U(−1, 1), blurred with σ, scaled by α) is drawn once from the
 * seed and each image combines two of them, with random signs and orientation.
 */
public final class Augmenter {
    static final int FIELD_BANK = 1024;

    private final AugmentSpec spec;
    private final Kernels kernels;
    private final int width;
    private final int height;
    private final float[][] fields;
    private final Worker[] workers;
    private final WorkerPool.Task task = this::augmentShare;
    private float[] batch;
    private int batchRows;
    private long batchSeed;

    public Augmenter(AugmentSpec spec, Kernels kernels, int width, int height, long seed) {
        this.spec = spec;
        this.kernels = kernels;
        this.width = width;
        this.height = height;
        this.fields = spec.elastic() ? fieldBank(spec, width, height, new SplittableRandom(seed)) : null;
        this.workers = new Worker[kernels.pool().size()];
        for (int i = 0; i < workers.length; i++) workers[i] = new Worker(width * height);
    }

    public AugmentSpec spec() {
        return spec;
    }

    /** Augments the first {@code rows} images of {@code x} (rows × W·H) in place. */
    public void apply(float[] x, int rows, long seed) {
        batch = x;
        batchRows = rows;
        batchSeed = seed;
        kernels.pool().run(task);
        batch = null;
    }

    private void augmentShare(int index, int count) {
        int from = (int) ((long) batchRows * index / count);
        int to = (int) ((long) batchRows * (index + 1) / count);
        Worker w = workers[index];
        int size = width * height;
        for (int r = from; r < to; r++) {
            SplitMix rng = w.rng;
            rng.seed(batchSeed ^ (0x9E3779B97F4A7C15L * (r + 1)));
            double tx = 0, ty = 0, angle = 0, scale = 1;
            if (spec.shift()) {
                tx = rng.nextInt(2 * spec.maxShiftPixels() + 1) - spec.maxShiftPixels();
                ty = rng.nextInt(2 * spec.maxShiftPixels() + 1) - spec.maxShiftPixels();
            }
            if (spec.affine()) {
                angle = Math.toRadians(spec.maxRotateDegrees()) * (2 * rng.nextDouble() - 1);
                scale = 1 + spec.maxScale() * (2 * rng.nextDouble() - 1);
            }
            float[] dx = null, dy = null;
            if (fields != null) {
                dx = w.dispX;
                dy = w.dispY;
                orient(fields[rng.nextInt(FIELD_BANK)], dx, rng.nextInt(8));
                orient(fields[rng.nextInt(FIELD_BANK)], dy, rng.nextInt(8));
            }
            System.arraycopy(batch, r * size, w.source, 0, size);
            ImageWarp.warp(w.source, 0, batch, r * size, width, height, tx, ty, angle, scale, dx, dy);
        }
    }

    /** Copies a field with one of 8 sign/mirror variants, so the bank yields more distinct fields. */
    private void orient(float[] field, float[] out, int variant) {
        float sign = (variant & 1) == 0 ? 1f : -1f;
        boolean mirrorX = (variant & 2) != 0, mirrorY = (variant & 4) != 0;
        for (int y = 0; y < height; y++) {
            int sy = mirrorY ? height - 1 - y : y;
            for (int x = 0; x < width; x++) {
                int sx = mirrorX ? width - 1 - x : x;
                out[y * width + x] = sign * field[sy * width + sx];
            }
        }
    }

    static float[][] fieldBank(AugmentSpec spec, int width, int height, SplittableRandom rng) {
        float[][] bank = new float[FIELD_BANK][width * height];
        float[] scratch = new float[width * height];
        for (float[] f : bank) {
            for (int i = 0; i < f.length; i++) f[i] = (float) (2 * rng.nextDouble() - 1);
            ImageWarp.gaussianBlur(f, width, height, spec.elasticSigma(), scratch);
            for (int i = 0; i < f.length; i++) f[i] *= spec.elasticAlpha();
        }
        return bank;
    }

    /** Per-thread scratch: the source copy, the displacement fields and a reseedable generator. */
    private static final class Worker {
        final float[] source;
        final float[] dispX;
        final float[] dispY;
        final SplitMix rng = new SplitMix();

        Worker(int size) {
            source = new float[size];
            dispX = new float[size];
            dispY = new float[size];
        }
    }

    /** SplitMix64 (Steele et al. 2014): a tiny generator that can be reseeded without allocating. */
    static final class SplitMix {
        private long state;

        void seed(long seed) {
            state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) ((nextLong() >>> 33) * bound >>> 31);
        }
    }
}
