package dev.densebench.dataset;

import dev.densebench.random.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Loads the three public datasets from a data directory laid out as {@code ./run-bench.sh data}
 * leaves it ({@code mnist/}, {@code fashion-mnist/}, {@code breast-cancer/}), and splits them:
 * images keep their official test set and give {@code validationSize} seeded-random training
 * images to validation; breast cancer is split 80/20 train/test, stratified, then 20 % of train
 * to validation. Pixels are scaled to [0, 1]; tabular features standardized with training
 * statistics only. The test set is never used to choose anything.
 */
public final class Datasets {
    private Datasets() {
    }

    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "breast-cancer");
    public static final int DEFAULT_IMAGE_VALIDATION = 5_000;

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * @param trainLimit keep only this many training examples after the validation split (0: all)
     */
    public static DataSplits load(String name, Path dataDir, long seed, int validationSize, int trainLimit) throws IOException {
        return split(readUnsplit(name, dataDir), seed, validationSize, trainLimit);
    }

    /**
     * A dataset as read from its files, before any split: the official train and test sets for
     * images; for breast cancer all 569 rows as {@code train} and no {@code test}. Reading is
     * the slow part, so a runner of many seeds reads once and splits per seed.
     */
    public record UnsplitData(String name, Dataset train, Dataset test) {
    }

    public static UnsplitData readUnsplit(String name, Path dataDir) throws IOException {
        return switch (name) {
            case "mnist" -> new UnsplitData(name, readImages("mnist/train", dataDir.resolve("mnist"), "train", DIGITS),
                    readImages("mnist/test", dataDir.resolve("mnist"), "t10k", DIGITS));
            case "fashion-mnist" -> new UnsplitData(name, readImages("fashion-mnist/train", dataDir.resolve("fashion-mnist"), "train", FASHION),
                    readImages("fashion-mnist/test", dataDir.resolve("fashion-mnist"), "t10k", FASHION));
            case "breast-cancer" -> new UnsplitData(name, CsvReader.read(dataDir.resolve("breast-cancer").resolve("breast_cancer.csv"), "breast-cancer"), null);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (expected one of " + NAMES + ")");
        };
    }

    /**
     * Your own tabular data: a training and a test CSV file ({@link LabelledCsv}). The classes are
     * the training file's labels; 20 % of the training rows, stratified and seeded, go to
     * validation, as for breast cancer; features are standardized with the training rows' mean and
     * standard deviation, and that scaling is applied to all three.
     */
    public static DataSplits csv(Path trainFile, Path testFile, String labelColumn, boolean header, long seed, int trainLimit)
            throws IOException {
        LabelledCsv.Rows train = LabelledCsv.read(trainFile, labelColumn, header);
        LabelledCsv.Rows test = LabelledCsv.read(testFile, labelColumn, header);
        if (test.features() != train.features()) {
            throw new DataFormatException(testFile, test.features() + " features, but " + trainFile.getFileName() + " has " + train.features());
        }
        List<String> classes = LabelledCsv.classesOf(train.labels());
        if (classes.size() < 2) throw new DataFormatException(trainFile, "one class only (" + classes + "); need at least 2");
        Dataset all = labelled("csv/train", train, classes, trainFile);
        Dataset testSet = labelled("csv/test", test, classes, testFile);
        SplittableRandom rng = Seeds.SPLIT.stream(seed);
        int[][] trainVal = stratifiedSplit(all.y(), allRows(all.rows()), all.classes(), 0.2, rng);
        int[] trainRows = trainVal[0];
        if (trainLimit > 0 && trainLimit < trainRows.length) trainRows = java.util.Arrays.copyOf(trainRows, trainLimit);
        Dataset tr = all.select("csv/train", trainRows);
        float[][] stats = meanAndStd(tr);
        InputScaling scaling = InputScaling.standardize(stats[0], stats[1]);
        return new DataSplits(standardize(tr, scaling), standardize(all.select("csv/validation", trainVal[1]), scaling),
                standardize(testSet, scaling), scaling);
    }

    private static Dataset labelled(String name, LabelledCsv.Rows rows, List<String> classes, Path file) throws DataFormatException {
        int[] y = new int[rows.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(rows.labels().get(i));
            if (y[i] < 0) {
                throw new DataFormatException(file, "row " + (i + 1) + ": label '" + rows.labels().get(i)
                        + "' is not one of the training file's classes " + classes);
            }
        }
        return new Dataset(name, rows.x(), y, y.length, rows.features(), classes);
    }

    /**
     * Any image set in MNIST's layout in {@code dir}: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-…} (each may be gzipped). The classes are
     * 0 … the largest training label; validation as for MNIST.
     */
    public static DataSplits idx(Path dir, long seed, int validationSize, int trainLimit) throws IOException {
        IdxReader.IdxArray labels = IdxReader.read(existing(dir, "train-labels-idx1-ubyte"), 1);
        int max = 0;
        for (byte b : labels.data()) max = Math.max(max, b & 0xFF);
        List<String> classes = java.util.stream.IntStream.rangeClosed(0, Math.max(max, 1)).mapToObj(Integer::toString).toList();
        Dataset train = readImages("idx/train", dir, "train", classes);
        Dataset test = readImages("idx/test", dir, "t10k", classes);
        if (test.features() != train.features()) {
            throw new DataFormatException(dir.resolve("t10k-images-idx3-ubyte"), "images of " + test.features() + " pixels, but the"
                    + " training images have " + train.features());
        }
        return images("idx", train, test, seed, validationSize, trainLimit);
    }

    /** The seeded train / validation / test split of a raw dataset (see the class comment). */
    public static DataSplits split(UnsplitData raw, long seed, int validationSize, int trainLimit) {
        return raw.test() == null ? breastCancer(raw.train(), seed, trainLimit)
                : images(raw.name(), raw.train(), raw.test(), seed, validationSize, trainLimit);
    }

    static DataSplits images(String name, Dataset train, Dataset test, long seed, int validationSize, int trainLimit) {
        if (validationSize < 0 || validationSize >= train.rows()) {
            throw new IllegalArgumentException("--validation " + validationSize + ": " + name + " has " + train.rows()
                    + " training images, so the validation split must be in [0, " + train.rows() + ")");
        }
        int[] order = permutation(train.rows(), Seeds.SPLIT.stream(seed));
        int keep = train.rows() - validationSize;
        if (trainLimit > 0) keep = Math.min(keep, trainLimit);
        int[] trainRows = java.util.Arrays.copyOfRange(order, validationSize, validationSize + keep);
        int[] valRows = java.util.Arrays.copyOfRange(order, 0, validationSize);
        return new DataSplits(train.select(name + "/train", trainRows), train.select(name + "/validation", valRows), test,
                InputScaling.PIXELS);
    }

    /** Reads {@code <prefix>-images-idx3-ubyte[.gz]} and its labels, checks that they agree, scales to [0, 1]. */
    public static Dataset readImages(String name, Path dir, String prefix, List<String> classes) throws IOException {
        Path imagesFile = existing(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = existing(dir, prefix + "-labels-idx1-ubyte");
        IdxReader.IdxArray images = IdxReader.read(imagesFile, 3);
        IdxReader.IdxArray labels = IdxReader.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new DataFormatException(labelsFile, labels.count() + " labels but " + imagesFile.getFileName()
                    + " holds " + images.count() + " images");
        }
        int n = images.count();
        int features = images.dims()[1] * images.dims()[2];
        float[] x = new float[n * features];
        byte[] px = images.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = px[i] & 0xFF;
        }
        InputScaling.PIXELS.apply(x, n, features);
        int[] y = new int[n];
        byte[] lb = labels.data();
        for (int i = 0; i < n; i++) {
            int label = lb[i] & 0xFF;
            if (label >= classes.size()) {
                throw new DataFormatException(labelsFile, "label " + label + " at index " + i
                        + " outside the classes 0.." + (classes.size() - 1));
            }
            y[i] = label;
        }
        return new Dataset(name, x, y, n, features, classes);
    }

    /** The raw file if present, else its {@code .gz}; a clear error naming both when neither exists. */
    static Path existing(Path dir, String fileName) throws IOException {
        Path raw = dir.resolve(fileName);
        if (Files.isRegularFile(raw)) return raw;
        Path gz = dir.resolve(fileName + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        throw new DataFormatException(raw, "not found (nor " + gz.getFileName()
                + "); run ./run-bench.sh data, or point --data-dir at a folder holding it");
    }

    static DataSplits breastCancer(Dataset all, long seed, int trainLimit) {
        SplittableRandom rng = Seeds.SPLIT.stream(seed);
        int[][] trainTest = stratifiedSplit(all.y(), allRows(all.rows()), all.classes(), 0.2, rng);
        int[][] trainVal = stratifiedSplit(all.y(), trainTest[0], all.classes(), 0.2, rng);
        int[] trainRows = trainVal[0];
        if (trainLimit > 0 && trainLimit < trainRows.length) trainRows = java.util.Arrays.copyOf(trainRows, trainLimit);
        Dataset train = all.select("breast-cancer/train", trainRows);
        Dataset val = all.select("breast-cancer/validation", trainVal[1]);
        Dataset test = all.select("breast-cancer/test", trainTest[1]);
        // z-score with the training set's mean and standard deviation, applied to all three.
        float[][] stats = meanAndStd(train);
        InputScaling scaling = InputScaling.standardize(stats[0], stats[1]);
        return new DataSplits(standardize(train, scaling), standardize(val, scaling), standardize(test, scaling), scaling);
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Splits {@code rows} into [rest, held-out] with {@code fraction} of each class held out, shuffled. */
    static int[][] stratifiedSplit(int[] labels, int[] rows, int classes, double fraction, SplittableRandom rng) {
        List<Integer> rest = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int r : rows) if (labels[r] == c) members.add(r);
            int[] perm = permutation(members.size(), rng);
            int nHeld = (int) Math.round(members.size() * fraction);
            for (int i = 0; i < perm.length; i++) (i < nHeld ? held : rest).add(members.get(perm[i]));
        }
        int[] restArr = shuffled(rest, rng);
        int[] heldArr = shuffled(held, rng);
        return new int[][] {restArr, heldArr};
    }

    private static int[] shuffled(List<Integer> values, SplittableRandom rng) {
        int[] perm = permutation(values.size(), rng);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(perm[i]);
        return out;
    }

    /** A Fisher–Yates shuffle of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = allRows(n);
        Seeds.shuffleInPlace(p, rng);
        return p;
    }

    static float[][] meanAndStd(Dataset d) {
        int f = d.features();
        double[] sum = new double[f];
        double[] sq = new double[f];
        for (int r = 0; r < d.rows(); r++) {
            for (int j = 0; j < f; j++) {
                double v = d.x()[r * f + j];
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double m = sum[j] / d.rows();
            mean[j] = (float) m;
            std[j] = (float) Math.sqrt(Math.max(sq[j] / d.rows() - m * m, 1e-12));
        }
        return new float[][] {mean, std};
    }

    static Dataset standardize(Dataset d, InputScaling scaling) {
        float[] x = d.x().clone();
        scaling.apply(x, d.rows(), d.features());
        return new Dataset(d.name(), x, d.y(), d.rows(), d.features(), d.classNames());
    }
}
