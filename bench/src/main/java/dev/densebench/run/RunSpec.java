package dev.densebench.run;

import dev.densebench.kernel.Activation;
import dev.densebench.optim.OptimizerSpec;
import dev.densebench.train.TrainOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run, every option resolved and checked: what {@link TrainRun} builds the network,
 * optimizer and trainer from, and what its record's {@code config} says. {@code options} are the
 * run as a {@code train} command line (saved in checkpoints, so a resume rebuilds the same run).
 * Built once, by {@link TrainArgs#toSpec} from a command line, {@link TrainArgs#parse} from a
 * checkpoint's saved one, or {@link TrainArgs#fromJson} from a grid's JSON options (no command
 * line parsed); changed only through the {@code with…} methods.
 */
public record RunSpec(List<String> options, DataSpec data, int[] layers, Activation activation, String output,
                      OptimizerSpec optimizer, float[] dropout, TrainOptions training, int epochs, String kernels, int threads,
                      double target, Path out, Path save, Path checkpoint, int checkpointEvery) {

    public RunSpec {
        options = List.copyOf(options);
        layers = layers.clone();
        dropout = dropout.clone();
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    @Override
    public float[] dropout() {
        return dropout.clone();
    }

    public String dataset() {
        return data.dataset();
    }

    public long seed() {
        return training.seed();
    }

    public int batch() {
        return training.batchSize();
    }

    /** This run with another learning rate (a selection candidate, or the rate selection chose). */
    public RunSpec withLr(float lr) {
        OptimizerSpec o = optimizer;
        OptimizerSpec changed = new OptimizerSpec(o.name(), lr, o.momentum(), o.beta1(), o.beta2(), o.eps(), o.rho(), o.l2(), o.weightDecay());
        return new RunSpec(plus("--lr", Float.toString(lr)), data, layers, activation, output, changed, dropout, training, epochs,
                kernels, threads, target, out, save, checkpoint, checkpointEvery);
    }

    /** This run on {@code threads} kernel threads (results do not depend on it). */
    public RunSpec withThreads(int threads) {
        return new RunSpec(plus("--threads", Integer.toString(threads)), data, layers, activation, output, optimizer, dropout, training,
                epochs, kernels, threads, target, out, save, checkpoint, checkpointEvery);
    }

    /** This run reading its dataset from {@code dir}. */
    public RunSpec withDataDir(Path dir) {
        return new RunSpec(plus("--data-dir", dir.toString()), data.withDataDir(dir), layers, activation, output, optimizer, dropout,
                training, epochs, kernels, threads, target, out, save, checkpoint, checkpointEvery);
    }

    /** This run writing its outputs elsewhere: record, model, checkpoints (they do not change results). */
    public RunSpec withOutputs(Path out, Path save, Path checkpoint, int checkpointEvery) {
        return new RunSpec(options, data, layers, activation, output, optimizer, dropout, training, epochs, kernels, threads, target,
                out, save, checkpoint, checkpointEvery);
    }

    private List<String> plus(String option, String value) {
        List<String> o = new ArrayList<>(options);
        o.addAll(List.of(option, value));
        return o;
    }

    /** The record's {@code config}: every option, resolved. */
    public Map<String, Object> config(String architecture, long parameters, String kernelName, int threadCount) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset", dataset());
        c.put("layers", Arrays.stream(layers).boxed().toList());
        c.put("architecture", architecture);
        c.put("activation", activation.cliName());
        c.put("output", output);
        OptimizerSpec o = optimizer;
        c.put("optimizer", o.name());
        c.put("lr", o.lr());
        c.put("momentum", o.momentum());
        c.put("beta1", o.beta1());
        c.put("beta2", o.beta2());
        c.put("eps", o.eps());
        c.put("rho", o.rho());
        c.put("l2", o.l2());
        c.put("weightDecay", o.weightDecay());
        c.put("dropout", dropout);
        c.put("maxNorm", training.maxNorm());
        var aug = training.augment();
        c.put("augment", aug.describe());
        c.put("shiftPixels", aug.maxShiftPixels());
        c.put("rotateDegrees", aug.maxRotateDegrees());
        c.put("scale", aug.maxScale());
        c.put("elasticAlpha", aug.elasticAlpha());
        c.put("elasticSigma", aug.elasticSigma());
        var s = training.schedule();
        c.put("schedule", s.kind());
        c.put("gamma", s.gamma());
        c.put("stepEpochs", s.stepEpochs());
        c.put("warmup", s.warmupEpochs());
        c.put("earlyStop", training.earlyStopPatience());
        c.put("batch", batch());
        c.put("epochs", epochs);
        c.put("seed", seed());
        c.put("kernels", kernelName);
        c.put("threads", threadCount);
        c.put("validation", data.validation());
        c.put("trainLimit", data.trainLimit());
        c.put("parameters", parameters);
        return c;
    }
}
