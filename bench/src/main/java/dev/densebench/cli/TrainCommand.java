package dev.densebench.cli;

import dev.densebench.data.DataSplits;
import dev.densebench.data.Datasets;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.loss.Loss;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.Optimizer;
import dev.densebench.optim.Sgd;
import dev.densebench.record.MachineInfo;
import dev.densebench.record.RunRecordWriter;
import dev.densebench.train.EpochStats;
import dev.densebench.train.Trainer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densebench train}: trains one network on one dataset and writes its run record. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Train one fully-connected network and write a JSON run record.",
        footer = {"", "Per-dataset defaults: mnist and fashion-mnist: --layers 512,512 --output softmax --lr 0.1 "
                + "--batch 128 --epochs 10; breast-cancer: --layers 16 --output sigmoid --lr 0.1 --batch 32 --epochs 60."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", description = "mnist, fashion-mnist or breast-cancer (default: ${DEFAULT-VALUE})", defaultValue = "mnist")
    String dataset;

    @Option(names = "--layers", description = "hidden layer sizes, comma-separated, or 'none' (default: per dataset)")
    String layers;

    @Option(names = "--activation", description = "hidden activation: relu, leaky-relu, sigmoid, tanh (default: ${DEFAULT-VALUE})", defaultValue = "relu")
    String activation;

    @Option(names = "--output", description = "output and loss: softmax (cross-entropy), sigmoid (binary cross-entropy), mse (default: per dataset)")
    String output;

    @Option(names = "--optimizer", description = "sgd (default: ${DEFAULT-VALUE})", defaultValue = "sgd")
    String optimizer;

    @Option(names = "--lr", description = "learning rate, > 0 (default: per dataset)")
    Float lr;

    @Option(names = "--batch", description = "mini-batch size, >= 1 (default: per dataset)")
    Integer batch;

    @Option(names = "--epochs", description = "epochs, >= 1 (default: per dataset)")
    Integer epochs;

    @Option(names = "--seed", description = "seed for init, split and shuffling (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--kernels", description = "vector or scalar (default: ${DEFAULT-VALUE})", defaultValue = "vector")
    String kernels;

    @Option(names = "--threads", description = "threads for the kernels, >= 1; results do not depend on it (default: all cores)")
    Integer threads;

    @Option(names = "--validation", description = "images held out of training for validation (default: ${DEFAULT-VALUE}; breast-cancer uses 20 %% of train)",
            defaultValue = "" + Datasets.DEFAULT_IMAGE_VALIDATION)
    int validation;

    @Option(names = "--train-limit", description = "use only this many training examples, 0 = all (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int trainLimit;

    @Option(names = "--data-dir", description = "folder with mnist/, fashion-mnist/, breast-cancer/ (default: data/ in the densebench folder)")
    Path dataDir;

    @Option(names = "--out", description = "run record JSON file (default: reports/runs/<dataset>-<optimizer>-seed<seed>-<time>.json)")
    Path out;

    @Override
    public Integer call() throws Exception {
        resolveDefaults();
        validate();
        Path home = Path.of(System.getProperty("densebench.home", "."));
        Path data = dataDir != null ? dataDir : home.resolve("data");
        Kernels k = KernelsFactory.create(kernels, threads, msg -> System.err.println("densebench: " + msg));
        try {
            System.err.printf("loading %s from %s ...%n", dataset, data);
            DataSplits splits = Datasets.load(dataset, data, seed, validation, trainLimit);
            NetworkSpec netSpec = new NetworkSpec(splits.train().features(), parseLayers(), Activation.parse(activation),
                    output, splits.train().classes());
            Network net = new Network(netSpec, k, batch, seed);
            Optimizer opt = createOptimizer(k, net);
            Trainer trainer = new Trainer(net, opt, splits, batch, seed);
            System.out.printf("%s  %s (%,d parameters)  %s  lr %s  batch %d  epochs %d  seed %d  kernels %s  threads %d%n",
                    dataset, netSpec.describe(net.outputSize()), net.parameterCount(), optimizer, lr, batch, epochs, seed,
                    k.name(), k.threads());
            System.out.printf("train %,d  validation %,d  test %,d examples%n",
                    splits.train().rows(), splits.validation().rows(), splits.test().rows());
            List<EpochStats> history;
            try (ProgressReporter progress = new ProgressReporter(System.out)) {
                history = trainer.fit(epochs, progress);
            }
            Path target = out != null ? out : home.resolve("reports/runs").resolve(defaultRecordName());
            RunRecordWriter.writeAtomically(target, record(netSpec, net, k, splits, history));
            System.out.println("run record: " + target);
            return 0;
        } finally {
            if (k instanceof AutoCloseable c) c.close();
        }
    }

    private void resolveDefaults() {
        boolean tabular = "breast-cancer".equals(dataset);
        if (layers == null) layers = tabular ? "16" : "512,512";
        if (output == null) output = tabular ? "sigmoid" : "softmax";
        if (lr == null) lr = 0.1f;
        if (batch == null) batch = tabular ? 32 : 128;
        if (epochs == null) epochs = tabular ? 60 : 10;
        if (threads == null) threads = Runtime.getRuntime().availableProcessors();
    }

    private void validate() {
        check(Datasets.NAMES.contains(dataset), "--dataset", dataset, "one of " + String.join(", ", Datasets.NAMES));
        check(lr > 0 && Float.isFinite(lr), "--lr", lr, "a positive number");
        check(batch >= 1, "--batch", batch, "an integer >= 1");
        check(epochs >= 1, "--epochs", epochs, "an integer >= 1");
        check(threads >= 1, "--threads", threads, "an integer >= 1");
        check(validation >= 0, "--validation", validation, "an integer >= 0");
        check(trainLimit >= 0, "--train-limit", trainLimit, "an integer >= 0");
        check(List.of("vector", "scalar").contains(kernels), "--kernels", kernels, "vector or scalar");
        check(List.of("sgd").contains(optimizer), "--optimizer", optimizer, "sgd");
        try {
            Activation.parse(activation);
            Loss.parse(output);
            parseLayers();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void check(boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + value + "' (expected " + expected + ")");
        }
    }

    int[] parseLayers() {
        if (layers.isBlank() || layers.equals("none")) return new int[0];
        try {
            int[] sizes = Arrays.stream(layers.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int s : sizes) if (s < 1) throw new NumberFormatException();
            return sizes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for option '--layers': '" + layers
                    + "' (expected positive integers separated by commas, e.g. 512,512, or 'none')");
        }
    }

    private Optimizer createOptimizer(Kernels k, Network net) {
        return switch (optimizer) {
            case "sgd" -> new Sgd(k, net.params(), lr);
            default -> throw new IllegalStateException("unreachable: " + optimizer);
        };
    }

    private String defaultRecordName() {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return dataset + "-" + optimizer + "-seed" + seed + "-" + time + ".json";
    }

    private Map<String, Object> record(NetworkSpec netSpec, Network net, Kernels k, DataSplits splits, List<EpochStats> history) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dataset", dataset);
        config.put("layers", Arrays.stream(netSpec.hidden()).boxed().toList());
        config.put("architecture", netSpec.describe(net.outputSize()));
        config.put("activation", Activation.parse(activation).cliName());
        config.put("output", output);
        config.put("optimizer", optimizer);
        config.put("lr", lr);
        config.put("batch", batch);
        config.put("epochs", epochs);
        config.put("seed", seed);
        config.put("kernels", k.name());
        config.put("threads", k.threads());
        config.put("validation", validation);
        config.put("trainLimit", trainLimit);
        config.put("parameters", net.parameterCount());

        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("name", dataset);
        ds.put("features", splits.train().features());
        ds.put("classes", splits.train().classNames());
        ds.put("trainRows", splits.train().rows());
        ds.put("validationRows", splits.validation().rows());
        ds.put("testRows", splits.test().rows());

        List<Map<String, Object>> epochsOut = new ArrayList<>();
        for (EpochStats s : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", s.epoch());
            e.put("trainLoss", s.trainLoss());
            e.put("trainAccuracy", s.trainAccuracy());
            e.put("valLoss", s.valLoss());
            e.put("valAccuracy", s.valAccuracy());
            e.put("testLoss", s.testLoss());
            e.put("testAccuracy", s.testAccuracy());
            e.put("seconds", s.seconds());
            e.put("samplesPerSecond", s.samplesPerSecond());
            e.put("evalSeconds", s.evalSeconds());
            e.put("learningRate", s.learningRate());
            epochsOut.add(e);
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("format", "densebench-run/1");
        rec.put("createdAt", Instant.now().toString());
        rec.put("config", config);
        rec.put("seed", seed);
        rec.put("dataset", ds);
        rec.put("epochs", epochsOut);
        rec.put("machine", MachineInfo.describe(k));
        return rec;
    }
}
