package dev.densebench.cli;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Datasets;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.loss.Loss;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.OptimizerSpec;
import dev.densebench.record.RunRecord;
import dev.densebench.record.RunRecordWriter;
import dev.densebench.train.Schedule;
import dev.densebench.train.TrainOptions;
import dev.densebench.train.TrainResult;
import dev.densebench.train.Trainer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densebench train}: trains one network on one dataset and writes its run record. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Train one fully-connected network and write a JSON run record.",
        footer = {"", "Per-dataset defaults: mnist and fashion-mnist: --layers 512,512 --output softmax --batch 128 --epochs 10;",
                "breast-cancer: --layers 16 --output sigmoid --batch 32 --epochs 60. Learning rate per optimizer:",
                "sgd 0.1, momentum/nesterov 0.05, rmsprop/adam/adamw 0.001, adagrad 0.01."})
public final class TrainCommand implements Callable<Integer> {

    /** The exit code of a run that diverged (a NaN or infinite loss stopped it). */
    static final int EXIT_DIVERGED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainArgs args;

    @Override
    public Integer call() throws Exception {
        TrainArgs a = args;
        a.resolveDefaults();
        TrainingSetup r = validate(a);
        Path target = a.out != null ? a.out : home().resolve("reports/runs").resolve(defaultRecordName(r));
        checkWritable(target);
        Kernels k = KernelsFactory.create(a.kernels, a.threads, msg -> System.err.println("densebench: " + msg));
        try {
            DataSplits splits = loadData(a, spec.commandLine().getErr());
            TrainResult result = trainAndRecord(a, r, k, splits, target, System.out, true);
            if (result.diverged()) {
                var err = spec.commandLine().getErr();
                err.printf("densebench train: diverged at epoch %d, batch %d (the loss was not finite); the record says"
                        + " \"status\": \"diverged\". Try a smaller --lr.%n", result.divergedEpoch(), result.divergedBatch());
                err.flush();
                return EXIT_DIVERGED;
            }
            return 0;
        } finally {
            if (k instanceof AutoCloseable c) c.close();
        }
    }

    /** The most worker threads a run may ask for: each has its own pack buffers (several MB). */
    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Proves, before any training, that the record can be written: its folder exists or can be
     * made, and a file can be created there. Otherwise a usage error names --out.
     */
    void checkWritable(Path target) {
        Path abs = target.toAbsolutePath();
        if (java.nio.file.Files.isDirectory(abs)) {
            throw fail("--out", target, "a file name, not the folder " + abs);
        }
        try {
            java.nio.file.Files.createDirectories(abs.getParent());
            Path probe = java.nio.file.Files.createFile(abs.getParent().resolve(".densebench-write-check-" + ProcessHandle.current().pid()));
            java.nio.file.Files.delete(probe);
        } catch (java.io.IOException | RuntimeException e) {
            throw fail("--out", target, "a file in a folder that can be created and written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * Under {@code --data-dir} (the default folder is verified when it is fetched), files with the
     * built-in datasets' names are checked against the published SHA-256: a mismatch is a
     * one-line warning per file, or with {@code --strict-data} an error.
     */
    static void checkPublishedChecksums(TrainArgs a, java.io.PrintWriter err) throws java.io.IOException {
        if (a.dataDir == null) return;
        for (String problem : dev.densebench.dataset.PublishedChecksums.mismatches(a.dataset, a.dataDir)) {
            if (a.strictData) throw new java.io.IOException(problem + " (--strict-data)");
            err.println("densebench: warning: " + problem + " (a copy of your own may differ; --strict-data makes this an error)");
            err.flush();
        }
    }

    static Path home() {
        return Path.of(System.getProperty("densebench.home", "."));
    }

    static DataSplits loadData(TrainArgs a, java.io.PrintWriter err) throws java.io.IOException {
        Path data = a.dataDir != null ? a.dataDir : home().resolve("data");
        checkPublishedChecksums(a, err);
        System.err.printf("loading %s from %s ...%n", a.dataset, data);
        return Datasets.load(a.dataset, data, a.seed, a.validation, a.trainLimit);
    }

    /** Builds the network and trainer from resolved options, trains, writes the record to {@code target}. */
    TrainResult trainAndRecord(TrainArgs a, TrainingSetup r, Kernels k, DataSplits splits, Path target,
                               java.io.PrintStream out, boolean verbose) throws java.io.IOException {
        NetworkSpec netSpec = new NetworkSpec(splits.train().features(), r.layers, Activation.parse(a.activation),
                a.output, splits.train().classes(), r.dropout);
        Network net = new Network(netSpec, k, a.batch, a.seed);
        Trainer trainer = new Trainer(net, r.optimizer.create(k, net.params()), splits, r.options);
        out.printf("%s  %s (%,d parameters)  %s lr %s  batch %d  epochs %d  seed %d  kernels %s  threads %d%n",
                a.dataset, netSpec.describe(net.outputSize()), net.parameterCount(), r.optimizer.name(), r.optimizer.lr(),
                a.batch, a.epochs, a.seed, k.name(), k.threads());
        if (verbose) {
            out.printf("train %,d  validation %,d  test %,d examples  |  %s%n", splits.train().rows(),
                    splits.validation().rows(), splits.test().rows(), a.regularizationSummary(r));
        }
        TrainResult result;
        try (ProgressReporter progress = new ProgressReporter(out, verbose)) {
            result = trainer.fit(a.epochs, progress);
        }
        if (a.earlyStop > 0) {
            out.printf("early stopping: best epoch %d, restored; validation %.2f %%, test %.2f %%%n",
                    result.bestEpoch(), 100 * result.finalValidation().accuracy(), 100 * result.finalTest().accuracy());
        }
        Object record = RunRecord.build(config(a, r, netSpec, net, k), a.seed, a.dataset, splits, result, a.target, k);
        try {
            RunRecordWriter.writeAtomically(target, record);
        } catch (java.io.IOException e) {
            // Checked before training, yet it failed now (disk full, folder removed): keep the run.
            Path fallback = Path.of(System.getProperty("java.io.tmpdir")).resolve(target.getFileName());
            RunRecordWriter.writeAtomically(fallback, record);
            throw new java.io.IOException("could not write the run record to " + target + " (" + e.getMessage()
                    + "); it was written to " + fallback + " instead", e);
        }
        out.println("run record: " + target);
        return result;
    }

    /** Everything parsed and checked: what the trainer is built from. */
    record TrainingSetup(int[] layers, float[] dropout, OptimizerSpec optimizer, TrainOptions options) {
    }

    TrainingSetup validate(TrainArgs a) {
        check(Datasets.NAMES.contains(a.dataset), "--dataset", a.dataset, "one of " + String.join(", ", Datasets.NAMES));
        check(OptimizerSpec.NAMES.contains(a.optimizer), "--optimizer", a.optimizer, "one of " + String.join(", ", OptimizerSpec.NAMES));
        check(a.lr == null || (a.lr > 0 && Float.isFinite(a.lr)), "--lr", a.lr, "a positive number");
        check(a.batch >= 1, "--batch", a.batch, "an integer >= 1");
        check(a.epochs >= 1, "--epochs", a.epochs, "an integer >= 1");
        check(a.threads >= 1 && a.threads <= maxThreads(), "--threads", a.threads,
                "an integer from 1 to " + maxThreads() + " (4 per core of this machine)");
        check(a.validation >= 0, "--validation", a.validation, "an integer >= 0");
        check(a.trainLimit >= 0, "--train-limit", a.trainLimit, "an integer >= 0");
        var parsed = spec.commandLine().getParseResult();
        check(!(a.dataset.equals("breast-cancer") && parsed != null && parsed.hasMatchedOption("--validation")),
                "--validation", a.validation, "no --validation for breast-cancer, whose validation split is fixed (20 % of its training rows)");
        check(List.of("vector", "scalar").contains(a.kernels), "--kernels", a.kernels, "vector or scalar");
        check(a.momentum == null || (a.momentum >= 0 && a.momentum < 1), "--momentum", a.momentum, "a number in [0, 1)");
        check(a.beta1 == null || (a.beta1 >= 0 && a.beta1 < 1), "--beta1", a.beta1, "a number in [0, 1)");
        check(a.beta2 == null || (a.beta2 >= 0 && a.beta2 < 1), "--beta2", a.beta2, "a number in [0, 1)");
        check(a.rho == null || (a.rho >= 0 && a.rho < 1), "--rho", a.rho, "a number in [0, 1)");
        check(a.eps == null || a.eps > 0, "--eps", a.eps, "a positive number");
        check(a.l2 == null || a.l2 >= 0, "--l2", a.l2, "a number >= 0");
        check(a.weightDecay == null || a.weightDecay >= 0, "--weight-decay", a.weightDecay, "a number >= 0");
        check(a.maxNorm >= 0, "--max-norm", a.maxNorm, "a number >= 0 (0 = off)");
        check(a.earlyStop >= 0, "--early-stop", a.earlyStop, "an integer >= 0 (0 = off)");
        check(a.target > 0 && a.target <= 1, "--target", a.target, "an accuracy in (0, 1]");
        check(a.warmup >= 0, "--warmup", a.warmup, "a number of epochs >= 0");
        check(a.gamma > 0 && a.gamma <= 1, "--gamma", a.gamma, "a number in (0, 1]");
        check(a.stepEpochs > 0, "--step-epochs", a.stepEpochs, "a positive number of epochs");
        check(Schedule.KINDS.contains(a.schedule), "--schedule", a.schedule, "one of " + String.join(", ", Schedule.KINDS));
        try {
            Activation.parse(a.activation);
        } catch (IllegalArgumentException e) {
            throw fail("--activation", a.activation, "relu, leaky-relu, sigmoid, tanh or identity");
        }
        try {
            Loss.parse(a.output);
        } catch (IllegalArgumentException e) {
            throw fail("--output", a.output, "softmax, sigmoid or mse");
        }
        int[] layers = a.parseLayers(this);
        float[] dropout = a.parseDropout(this, layers.length);
        AugmentSpec augment;
        try {
            augment = AugmentSpec.parse(a.augment, a.shiftPixels, a.rotateDegrees, a.scale, a.elasticAlpha, a.elasticSigma);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid augmentation: " + e.getMessage());
        }
        check(!augment.any() || !a.dataset.equals("breast-cancer"), "--augment", a.augment, "none for breast-cancer (images only)");
        OptimizerSpec opt = OptimizerSpec.withDefaults(a.optimizer, a.lr, a.momentum, a.beta1, a.beta2, a.eps, a.rho, a.l2, a.weightDecay);
        Schedule schedule = new Schedule(a.schedule, a.gamma, a.stepEpochs, a.warmup);
        return new TrainingSetup(layers, dropout, opt, new TrainOptions(a.batch, a.seed, schedule, a.earlyStop, a.maxNorm, augment));
    }

    void check(boolean ok, String option, Object value, String expected) {
        if (!ok) throw fail(option, value, expected);
    }

    ParameterException fail(String option, Object value, String expected) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + typed(option, value) + "' (expected " + expected + ")");
    }

    /** The value as the user typed it ({@code -1}, not the parsed {@code -1.0}), when it was typed. */
    private Object typed(String option, Object parsed) {
        var result = spec.commandLine().getParseResult();
        var matched = result == null ? null : result.matchedOption(option);
        if (matched == null || matched.originalStringValues().isEmpty()) return parsed;
        List<String> typed = matched.originalStringValues();
        return typed.get(typed.size() - 1);
    }

    String defaultRecordName(TrainingSetup r) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return args.dataset + "-" + r.optimizer.name() + "-seed" + args.seed + "-" + time + ".json";
    }

    /** The record's {@code config}: every option, resolved. */
    private Map<String, Object> config(TrainArgs a, TrainingSetup r, NetworkSpec netSpec, Network net, Kernels k) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset", a.dataset);
        c.put("layers", Arrays.stream(r.layers).boxed().toList());
        c.put("architecture", netSpec.describe(net.outputSize()));
        c.put("activation", Activation.parse(a.activation).cliName());
        c.put("output", a.output);
        OptimizerSpec o = r.optimizer;
        c.put("optimizer", o.name());
        c.put("lr", o.lr());
        c.put("momentum", o.momentum());
        c.put("beta1", o.beta1());
        c.put("beta2", o.beta2());
        c.put("eps", o.eps());
        c.put("rho", o.rho());
        c.put("l2", o.l2());
        c.put("weightDecay", o.weightDecay());
        c.put("dropout", r.dropout);
        c.put("maxNorm", a.maxNorm);
        c.put("augment", r.options.augment().describe());
        c.put("shiftPixels", a.shiftPixels);
        c.put("rotateDegrees", a.rotateDegrees);
        c.put("scale", a.scale);
        c.put("elasticAlpha", a.elasticAlpha);
        c.put("elasticSigma", a.elasticSigma);
        c.put("schedule", a.schedule);
        c.put("gamma", a.gamma);
        c.put("stepEpochs", a.stepEpochs);
        c.put("warmup", a.warmup);
        c.put("earlyStop", a.earlyStop);
        c.put("batch", a.batch);
        c.put("epochs", a.epochs);
        c.put("seed", a.seed);
        c.put("kernels", k.name());
        c.put("threads", k.threads());
        c.put("validation", a.validation);
        c.put("trainLimit", a.trainLimit);
        c.put("parameters", net.parameterCount());
        return c;
    }
}
