package dev.densebench.train;

import dev.densebench.augment.Augmenter;
import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Dataset;
import dev.densebench.nn.MaxNorm;
import dev.densebench.nn.Network;
import dev.densebench.random.Seeds;
import dev.densebench.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training: each epoch shuffles the training rows with the seeded stream, gathers
 * each batch into a preallocated buffer (and augments it), runs forward/loss/backward, one
 * optimizer step at the scheduled rate and the max-norm projection, then evaluates on the
 * validation and test sets and asks early stopping whether to go on. The last, partial batch
 * is trained too.
 */
public final class Trainer {
    private final Network network;
    private final Optimizer optimizer;
    private final DataSplits data;
    private final TrainOptions options;
    private final int batchSize;
    private final float baseLr;
    private final long seed;
    private SplittableRandom shuffle;
    private SplittableRandom augmentSeeds;
    private final Augmenter augmenter;
    private final MaxNorm maxNorm;
    private final EarlyStopping earlyStopping;
    private final float[] xBatch;
    private final int[] yBatch;
    private final int[] order;
    private final Network.BatchStats stats = new Network.BatchStats();
    // Where fit() starts: epoch 1 for a fresh run, after a restore() the saved bookkeeping.
    private TrainingState resumeFrom;
    private TrainingState.Sink checkpoints;
    private int checkpointEvery;

    public Trainer(Network network, Optimizer optimizer, DataSplits data, TrainOptions options) {
        int batchSize = options.batchSize();
        long seed = options.seed();
        if (batchSize < 1 || batchSize > network.maxBatch()) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in 1.." + network.maxBatch());
        }
        if (data.train().features() != network.spec().inputs()) {
            throw new IllegalArgumentException("the network takes " + network.spec().inputs()
                    + " inputs but " + data.train().name() + " has " + data.train().features() + " features");
        }
        this.network = network;
        this.optimizer = optimizer;
        this.data = data;
        this.options = options;
        this.batchSize = batchSize;
        this.baseLr = optimizer.learningRate();
        this.seed = seed;
        drawEpochStreams(1);
        this.augmenter = options.augment().any() ? imageAugmenter(network, options, seed) : null;
        this.maxNorm = options.maxNorm() > 0f ? new MaxNorm(network.kernels(), network, options.maxNorm()) : null;
        this.earlyStopping = options.earlyStopPatience() > 0 ? new EarlyStopping(options.earlyStopPatience(), network.params()) : null;
        this.xBatch = new float[batchSize * network.spec().inputs()];
        this.yBatch = new int[batchSize];
        this.order = new int[data.train().rows()];
    }

    public int batchesPerEpoch() {
        return (data.train().rows() + batchSize - 1) / batchSize;
    }

    private static Augmenter imageAugmenter(Network network, TrainOptions options, long seed) {
        int features = network.spec().inputs();
        int side = (int) Math.round(Math.sqrt(features));
        if (side * side != features) {
            throw new IllegalArgumentException("augmentation needs square images, but the inputs have " + features + " features");
        }
        return new Augmenter(options.augment(), network.kernels(), side, side, Seeds.AUGMENT.stream(seed).nextLong());
    }

    /** Shuffling, dropout masks and augmentation of {@code epoch} come from that epoch's own streams. */
    private void drawEpochStreams(int epoch) {
        shuffle = Seeds.SHUFFLE.stream(seed, epoch);
        augmentSeeds = Seeds.AUGMENT.stream(seed, epoch);
        network.drawDropoutMasksFrom(Seeds.DROPOUT.stream(seed, epoch));
    }

    /** After every {@code every}-th epoch (and the last), {@link #fit} hands the state to {@code sink}. */
    public void checkpointTo(TrainingState.Sink sink, int every) {
        if (every < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + every);
        this.checkpoints = sink;
        this.checkpointEvery = every;
    }

    /** A copy of everything {@link #restore} needs to continue after {@code history}. */
    public TrainingState state(List<EpochStats> history, int bestEpoch, double bestVal, boolean finished) {
        java.util.Map<String, float[]> t = new java.util.LinkedHashMap<>();
        for (var p : network.params()) t.put("param/" + p.name(), p.value().clone());
        optimizer.state().forEach((name, v) -> t.put("optim/" + name, v.clone()));
        EarlyStopping.Snapshot es = null;
        if (earlyStopping != null) {
            es = earlyStopping.snapshot();
            float[][] best = earlyStopping.bestWeights();
            for (int i = 0; i < best.length; i++) t.put("best/" + network.params().get(i).name(), best[i].clone());
        }
        return new TrainingState(history.size(), history, optimizer.steps(), bestEpoch, bestVal, finished, es, t);
    }

    /**
     * Puts a saved state back (weights, optimizer, early stopping) so that the next {@link #fit}
     * continues after its last epoch. Refuses a state of another network or optimizer.
     */
    public void restore(TrainingState s) {
        java.util.Map<String, float[]> t = s.tensors();
        java.util.Map<String, float[]> expected = state(List.of(), 0, 0, false).tensors();
        if (!t.keySet().equals(expected.keySet())) {
            throw new IllegalArgumentException("the checkpoint holds tensors " + t.keySet() + " but this run needs " + expected.keySet()
                    + " (another network, optimizer or early-stopping setting)");
        }
        for (var p : network.params()) copyInto(t, "param/" + p.name(), p.value());
        optimizer.state().forEach((name, v) -> copyInto(t, "optim/" + name, v));
        if (earlyStopping != null) {
            float[][] best = earlyStopping.bestWeights();
            for (int i = 0; i < best.length; i++) copyInto(t, "best/" + network.params().get(i).name(), best[i]);
            earlyStopping.restore(s.earlyStopping());
        }
        optimizer.resumeAt(s.optimizerSteps());
        resumeFrom = s;
    }

    private static void copyInto(java.util.Map<String, float[]> t, String name, float[] target) {
        float[] v = t.get(name);
        if (v.length != target.length) {
            throw new IllegalArgumentException("the checkpoint's " + name + " has " + v.length + " values, this run needs " + target.length);
        }
        System.arraycopy(v, 0, target, 0, v.length);
    }

    /**
     * Trains for up to {@code epochs} epochs (fewer when early stopping fires), restores the
     * best weights when early stopping is on, and returns every epoch's statistics. After
     * {@link #restore} it continues from the saved epoch; the result is the one the
     * uninterrupted run gives, bit for bit.
     */
    public TrainResult fit(int epochs, TrainingListener listener) {
        listener.onStart(epochs, batchesPerEpoch());
        List<EpochStats> history = new ArrayList<>();
        int bestEpoch = 0;
        double bestVal = Double.NEGATIVE_INFINITY;
        boolean stopped = false;
        int first = 1;
        if (resumeFrom != null) {
            history.addAll(resumeFrom.history());
            bestEpoch = resumeFrom.bestEpoch();
            bestVal = resumeFrom.bestValAccuracy();
            stopped = resumeFrom.finished();
            first = stopped ? epochs + 1 : history.size() + 1;
            resumeFrom = null;
        }
        for (int epoch = first; epoch <= epochs; epoch++) {
            EpochStats s;
            try {
                s = runEpoch(epoch, epochs, listener);
            } catch (Divergence d) {
                // A NaN or infinite loss: every later step would only spread it. Stop here.
                Network.Evaluation none = new Network.Evaluation(Double.NaN, Double.NaN);
                return new TrainResult(history, bestEpoch, false, none, none, TrainResult.DIVERGED, d.epoch, d.batch);
            }
            history.add(s);
            listener.onEpoch(s);
            if (s.valAccuracy() > bestVal) {
                bestVal = s.valAccuracy();
                bestEpoch = epoch;
            }
            stopped = earlyStopping != null && earlyStopping.update(epoch, s.valAccuracy(), s.valLoss()) && epoch < epochs;
            if (checkpoints != null && (stopped || epoch == epochs || epoch % checkpointEvery == 0)) {
                try {
                    checkpoints.save(state(history, bestEpoch, bestVal, stopped));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (stopped) break;
        }

        if (earlyStopping != null) {
            earlyStopping.restoreBest();
            bestEpoch = earlyStopping.bestEpoch();
            return new TrainResult(history, bestEpoch, stopped, evaluate(data.validation()), evaluate(data.test()),
                    stopped ? TrainResult.STOPPED_EARLY : TrainResult.COMPLETED, 0, 0);
        }
        EpochStats last = history.get(history.size() - 1);
        return new TrainResult(history, bestEpoch, false, new Network.Evaluation(last.valLoss(), last.valAccuracy()),
                new Network.Evaluation(last.testLoss(), last.testAccuracy()), TrainResult.COMPLETED, 0, 0);
    }

    /** One epoch of training (of {@code totalEpochs}, for the schedule) plus the evaluation passes. */
    private EpochStats runEpoch(int epoch, int totalEpochs, TrainingListener listener) {
        Dataset train = data.train();
        drawEpochStreams(epoch);
        shuffleOrder();
        double lossSum = 0;
        long correct = 0;
        long t0 = System.nanoTime();
        int batches = batchesPerEpoch();
        for (int b = 0; b < batches; b++) {
            int start = b * batchSize;
            int n = Math.min(batchSize, train.rows() - start);
            optimizer.setLearningRate(options.schedule().rate(baseLr, epoch - 1 + (b + 1.0) / batches, totalEpochs));
            trainBatch(start, n);
            if (!Double.isFinite(stats.lossSum)) {
                throw new Divergence(epoch, b + 1);
            }
            lossSum += stats.lossSum;
            correct += stats.correct;
            listener.onBatch(epoch, b + 1, lossSum / (start + n));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // A non-finite weight shows in the next batch's loss; after the last batch there is
        // none, so the weights themselves are checked once per epoch.
        if (!network.weightsFinite()) {
            throw new Divergence(epoch, batches);
        }
        long t1 = System.nanoTime();
        Network.Evaluation val = evaluate(data.validation());
        Network.Evaluation test = evaluate(data.test());
        double evalSeconds = (System.nanoTime() - t1) / 1e9;
        return new EpochStats(epoch, lossSum / train.rows(), (double) correct / train.rows(),
                val.loss(), val.accuracy(), test.loss(), test.accuracy(),
                seconds, train.rows() / seconds, evalSeconds, optimizer.learningRate());
    }

    /** Gathers rows order[start, start+n) and takes one optimizer step on them. Allocates nothing. */
    public void trainBatch(int start, int n) {
        Dataset train = data.train();
        int f = train.features();
        float[] x = train.x();
        int[] y = train.y();
        for (int i = 0; i < n; i++) {
            int row = order[start + i];
            System.arraycopy(x, row * f, xBatch, i * f, f);
            yBatch[i] = y[row];
        }
        if (augmenter != null) {
            augmenter.apply(xBatch, n, augmentSeeds.nextLong());
        }
        network.trainStep(xBatch, yBatch, 0, n, stats);
        optimizer.step();
        if (maxNorm != null) {
            maxNorm.apply();
        }
    }

    /** Loss and accuracy on a dataset (NaN for an empty one). */
    public Network.Evaluation evaluate(Dataset d) {
        return network.evaluate(d.x(), d.y(), d.rows());
    }

    /** Draws a fresh seeded permutation of the training rows into {@code order}, in place. */
    public void shuffleOrder() {
        for (int i = 0; i < order.length; i++) order[i] = i;
        Seeds.shuffleInPlace(order, shuffle);
    }

    /** Thrown out of an epoch at the first batch whose loss is not finite; {@link #fit} turns it into the result. */
    static final class Divergence extends RuntimeException {
        final int epoch;
        final int batch;

        Divergence(int epoch, int batch) {
            super("loss not finite at epoch " + epoch + ", batch " + batch, null, false, false);
            this.epoch = epoch;
            this.batch = batch;
        }
    }
}
