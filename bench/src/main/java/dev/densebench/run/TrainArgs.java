package dev.densebench.run;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.dataset.Datasets;
import dev.densebench.kernel.Activation;
import dev.densebench.loss.Loss;
import dev.densebench.optim.OptimizerSpec;
import dev.densebench.train.Schedule;
import dev.densebench.train.TrainOptions;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Every option of {@code train}, with its default (the field's initial value): picocli
 * declarations for {@code train} and {@code lr-search}, and, bound by Jackson under the same names
 * without the dashes ({@code "train-limit": 20000}), the options of a grid's runs. {@link #toSpec}
 * checks and resolves them into a {@link RunSpec}, the library's input; {@link #parse} does so for
 * a checkpoint's saved command line and {@link #fromJson} for a grid's JSON object.
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TrainArgs {

    // --- data and network -------------------------------------------------------------------
    @Option(names = "--dataset", description = "mnist, fashion-mnist, breast-cancer, or your own: csv (--train, --test) or idx (--data-dir) (default: ${DEFAULT-VALUE})")
    String dataset = "mnist";

    @CommandLine.Mixin
    @JsonIgnore // bound on its own in fromJson: Jackson's @JsonUnwrapped would let unknown names pass
    CsvDataArgs csvData = new CsvDataArgs();

    @Option(names = "--layers", description = "hidden layer sizes, comma-separated, or 'none' (default: per dataset)")
    String layers;

    @Option(names = "--activation", description = "hidden activation: relu, leaky-relu, sigmoid, tanh (default: ${DEFAULT-VALUE})")
    String activation = "relu";

    @Option(names = "--output", description = "output and loss: softmax (cross-entropy), sigmoid (binary cross-entropy), mse (default: per dataset)")
    String output;

    // --- optimizer -------------------------------------------------------------------------
    @Option(names = "--optimizer", description = "sgd, momentum, nesterov, rmsprop, adam, adamw, adagrad (default: ${DEFAULT-VALUE})")
    String optimizer = "sgd";

    @Option(names = "--lr", description = "learning rate, > 0 (default: per optimizer, see below)")
    Float lr;

    @Option(names = "--momentum", description = "momentum μ for momentum/nesterov (default: 0.9)")
    Float momentum;

    @Option(names = "--beta1", description = "Adam β1 (default: 0.9)")
    Float beta1;

    @Option(names = "--beta2", description = "Adam β2 (default: 0.999)")
    Float beta2;

    @Option(names = "--eps", description = "ε in adaptive denominators (default: 1e-8; adagrad 1e-10)")
    Float eps;

    @Option(names = "--rho", description = "RMSProp decay ρ (default: 0.9)")
    Float rho;

    // --- regularizers ----------------------------------------------------------------------
    @Option(names = "--l2", description = "L2 penalty λ added to the gradient of weights: g += λw (default: 0)")
    Float l2;

    @Option(names = "--weight-decay", description = "decoupled weight decay λ: w *= 1 - lr·λ each step (default: 0; adamw 0.01)")
    Float weightDecay;

    @Option(names = "--dropout", description = "dropout rates: one per hidden layer, or inputs then each hidden layer, e.g. 0.2,0.5,0.5 (default: none)")
    String dropout;

    @Option(names = "--max-norm", description = "max L2 norm of each unit's incoming weights, 0 = off (default: ${DEFAULT-VALUE})")
    float maxNorm = 0f;

    @Option(names = "--augment", description = "image augmentation: subset of shift,affine,elastic or none (default: ${DEFAULT-VALUE})")
    String augment = "none";

    @Option(names = "--shift-pixels", description = "largest random translation, pixels (default: ${DEFAULT-VALUE})")
    int shiftPixels = 2;

    @Option(names = "--rotate-degrees", description = "largest random rotation, degrees (default: ${DEFAULT-VALUE})")
    float rotateDegrees = 10f;

    @Option(names = "--scale", description = "largest random scaling, fraction (default: ${DEFAULT-VALUE})")
    float scale = 0.1f;

    @Option(names = "--elastic-alpha", description = "elastic distortion strength α, pixels (default: ${DEFAULT-VALUE})")
    float elasticAlpha = 34f;

    @Option(names = "--elastic-sigma", description = "elastic smoothing σ, pixels (default: ${DEFAULT-VALUE})")
    float elasticSigma = 4f;

    // --- schedule and stopping --------------------------------------------------------------
    @Option(names = "--schedule", description = "constant, step, exponential, cosine (default: ${DEFAULT-VALUE})")
    String schedule = "constant";

    @Option(names = "--gamma", description = "decay factor for step (per step) and exponential (per epoch) (default: ${DEFAULT-VALUE})")
    float gamma = 0.5f;

    @Option(names = "--step-epochs", description = "epochs between decays of the step schedule (default: ${DEFAULT-VALUE})")
    float stepEpochs = 5f;

    @Option(names = "--warmup", description = "linear warm-up, epochs, 0 = none (default: ${DEFAULT-VALUE})")
    float warmup = 0f;

    @Option(names = "--early-stop", description = "stop after N epochs without a better validation accuracy and restore the best weights, 0 = off (default: ${DEFAULT-VALUE})")
    int earlyStop = 0;

    @Option(names = "--target", description = "test accuracy for the record's time-to-target, in (0, 1] (default: mnist 0.98, fashion-mnist 0.88, breast-cancer 0.95)")
    Double target;

    // --- run --------------------------------------------------------------------------------
    @Option(names = "--batch", description = "mini-batch size, >= 1 (default: per dataset)")
    Integer batch;

    @Option(names = "--epochs", description = "epochs, >= 1 (default: per dataset)")
    Integer epochs;

    @Option(names = "--seed", description = "seed for init, split, shuffling, dropout and augmentation (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--kernels", description = "vector or scalar (default: ${DEFAULT-VALUE})")
    String kernels = "vector";

    @Option(names = "--threads", description = "threads for the kernels, >= 1; results do not depend on it (default: all cores)")
    Integer threads;

    @Option(names = "--validation", description = "images held out of training for validation (default: ${DEFAULT-VALUE}; breast-cancer uses 20 %% of train)")
    int validation = Datasets.DEFAULT_IMAGE_VALIDATION;

    @Option(names = "--train-limit", description = "use only this many training examples, 0 = all (default: ${DEFAULT-VALUE})")
    int trainLimit = 0;

    @Option(names = "--data-dir", description = "folder with mnist/, fashion-mnist/, breast-cancer/ (default: data/ in the densebench folder)")
    Path dataDir;

    @Option(names = "--strict-data", description = "with --data-dir: a file whose SHA-256 is not the published one is an error, not a warning")
    boolean strictData;

    @Option(names = "--out", description = "run record JSON file (default: reports/runs/<dataset>-<optimizer>-seed<seed>-<time>.json)")
    Path out;

    // --- keep what was trained ---------------------------------------------------------------
    @Option(names = "--save", description = "write the trained model to this safetensors file (loads into PyTorch's nn.Sequential)")
    Path save;

    @Option(names = "--checkpoint", description = "folder for a checkpoint (weights, optimizer, early stopping, history) after every --checkpoint-every epochs")
    Path checkpoint;

    @Option(names = "--checkpoint-every", description = "epochs between checkpoints, >= 1 (default: ${DEFAULT-VALUE})")
    int checkpointEvery = 1;

    @JsonIgnore // a grid's runs are resumed by the ablation itself
    @Option(names = "--resume", description = "continue the run whose checkpoint folder this is, with its own options (only --threads, --out, --save and --checkpoint-every may be given too)")
    Path resume;

    /** The checkpoint folder to continue ({@code train --resume}), or null. */
    public Path resume() {
        return resume;
    }

    /**
     * Parses a command line of {@code train} (a checkpoint's saved options) into a checked
     * {@link RunSpec}; a later option wins over an earlier one. Unknown options and bad values
     * are {@link OptionException}s.
     */
    public static RunSpec parse(List<String> options) {
        TrainArgs a = new TrainArgs();
        CommandLine cl = new CommandLine(new Holder(a));
        cl.setOverwrittenOptionsAllowed(true);
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(options.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new OptionException(String.join(" ", options), e.getMessage());
        }
        return a.toSpec(parsed, options);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /**
     * A grid run's options, a JSON object of {@code train}'s option names without the dashes
     * ({@code {"optimizer": "adam", "lr": 0.001, "layers": [512, 512], "header": true}}), into a
     * checked {@link RunSpec}: bound to the fields by Jackson, then checked as a command line is.
     * A list stands for its comma-separated values. The spec's {@code options} are the same run
     * as a {@code train} command line (what its checkpoints save and {@code train --resume} reads).
     */
    public static RunSpec fromJson(ObjectNode options) {
        ObjectNode flat = JSON.createObjectNode();
        List<String> commandLine = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                v = new TextNode(String.join(",", parts));
            }
            if (!v.isValueNode() || v.isNull()) {
                throw new OptionException("--" + e.getKey(), v, "a number, a string, true/false or a list of values");
            }
            flat.set(e.getKey(), v);
            if (v.isBoolean()) {
                if (v.asBoolean()) commandLine.add("--" + e.getKey());
            } else {
                commandLine.addAll(List.of("--" + e.getKey(), v.asText()));
            }
        }
        TrainArgs a = new TrainArgs();
        ObjectNode csv = JSON.createObjectNode();
        for (String name : names(CsvDataArgs.class)) {
            if (flat.has(name)) csv.set(name, flat.get(name));
        }
        ObjectNode rest = flat.deepCopy();
        csv.fieldNames().forEachRemaining(rest::remove);
        try {
            JSON.readerForUpdating(a).readValue(rest);
            JSON.readerForUpdating(a.csvData).readValue(csv);
        } catch (UnrecognizedPropertyException e) {
            throw new OptionException("--" + e.getPropertyName(), "Unknown option '" + e.getPropertyName()
                    + "' (expected one of train's options without the leading --, as './run-bench.sh train --help' lists them)");
        } catch (JsonMappingException e) {
            String name = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new OptionException("--" + name, flat.get(name), "a value of train's --" + name);
        } catch (java.io.IOException e) {
            throw new OptionException("(options)", e.getMessage());
        }
        return a.toSpec(new Given() {
            @Override
            public boolean has(String option) {
                return flat.has(option.substring(2));
            }

            @Override
            public Object typed(String option, Object value) {
                JsonNode v = flat.get(option.substring(2));
                return v == null ? value : v.asText();
            }
        }, commandLine);
    }

    /** The JSON names of a class's bound fields (a grid's option names). */
    private static Set<String> names(Class<?> type) {
        Set<String> names = new TreeSet<>();
        JSON.getDeserializationConfig().introspect(JSON.constructType(type)).findProperties().forEach(p -> {
            if (p.hasField() && p.getField().getAnnotation(JsonIgnore.class) == null) names.add(p.getName());
        });
        return names;
    }

    /** The most worker threads a run may ask for: each has its own pack buffers (several MB). */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** Datasets of the user's own: a CSV pair or an IDX folder. */
    public static final List<String> OWN_DATA = List.of("csv", "idx");

    /**
     * Resolves the per-dataset defaults and checks every option, before anything is read or
     * built: the first bad one is an {@link OptionException} naming it and its value as typed
     * ({@code parsed}, from picocli, knows what was typed and which options were given at all).
     */
    public RunSpec toSpec(CommandLine.ParseResult parsed, List<String> typedOptions) {
        return toSpec(new Given() {
            @Override
            public boolean has(String option) {
                return parsed != null && parsed.hasMatchedOption(option);
            }

            @Override
            public Object typed(String option, Object value) {
                var matched = parsed == null ? null : parsed.matchedOption(option);
                if (matched == null || matched.originalStringValues().isEmpty()) return value;
                List<String> typed = matched.originalStringValues();
                return typed.get(typed.size() - 1);
            }
        }, typedOptions);
    }

    /** Which options were given, and each one's value as typed ({@code -1}, not the parsed {@code -1.0}). */
    private interface Given {
        boolean has(String option);

        Object typed(String option, Object value);
    }

    private RunSpec toSpec(Given typed, List<String> typedOptions) {
        resolveDefaults();
        check(Datasets.NAMES.contains(dataset) || OWN_DATA.contains(dataset), "--dataset", dataset,
                "one of " + String.join(", ", Datasets.NAMES) + ", or csv (with --train and --test) or idx (with --data-dir)", typed);
        boolean csv = dataset.equals("csv");
        Path trainFile = csvData.train;
        Path testFile = csvData.test;
        String labelColumn = csvData.labelColumn;
        boolean header = csvData.header;
        check(!csv || trainFile != null, "--train", "(missing)", "a training CSV file with --dataset csv", typed);
        check(!csv || testFile != null, "--test", "(missing)", "a test CSV file with --dataset csv", typed);
        check(csv || (trainFile == null && testFile == null && labelColumn == null && !header), "--dataset", dataset,
                "csv when --train, --test, --label-column or --header is given", typed);
        check(!dataset.equals("idx") || dataDir != null, "--data-dir", "(missing)",
                "the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... with --dataset idx", typed);
        check(OptimizerSpec.NAMES.contains(optimizer), "--optimizer", optimizer, "one of " + String.join(", ", OptimizerSpec.NAMES), typed);
        check(lr == null || (lr > 0 && Float.isFinite(lr)), "--lr", lr, "a positive number", typed);
        check(batch >= 1, "--batch", batch, "an integer >= 1", typed);
        check(epochs >= 1, "--epochs", epochs, "an integer >= 1", typed);
        check(threads >= 1 && threads <= maxThreads(), "--threads", threads,
                "an integer from 1 to " + maxThreads() + " (4 per core of this machine)", typed);
        check(validation >= 0, "--validation", validation, "an integer >= 0", typed);
        check(trainLimit >= 0, "--train-limit", trainLimit, "an integer >= 0", typed);
        check(checkpointEvery >= 1, "--checkpoint-every", checkpointEvery, "an integer >= 1", typed);
        check(resume != null || checkpoint == null || !new dev.densebench.model.Checkpoint(checkpoint).exists(), "--checkpoint", checkpoint,
                "a folder without a checkpoint (this one holds one: continue it with --resume " + checkpoint + ", or remove it)", typed);
        check(!((dataset.equals("breast-cancer") || csv) && typed.has("--validation")), "--validation",
                validation, "no --validation for " + dataset + ", whose validation split is fixed (20 % of its training rows)", typed);
        check(List.of("vector", "scalar").contains(kernels), "--kernels", kernels, "vector or scalar", typed);
        check(momentum == null || (momentum >= 0 && momentum < 1), "--momentum", momentum, "a number in [0, 1)", typed);
        check(beta1 == null || (beta1 >= 0 && beta1 < 1), "--beta1", beta1, "a number in [0, 1)", typed);
        check(beta2 == null || (beta2 >= 0 && beta2 < 1), "--beta2", beta2, "a number in [0, 1)", typed);
        check(rho == null || (rho >= 0 && rho < 1), "--rho", rho, "a number in [0, 1)", typed);
        check(eps == null || eps > 0, "--eps", eps, "a positive number", typed);
        check(l2 == null || l2 >= 0, "--l2", l2, "a number >= 0", typed);
        check(weightDecay == null || weightDecay >= 0, "--weight-decay", weightDecay, "a number >= 0", typed);
        check(maxNorm >= 0, "--max-norm", maxNorm, "a number >= 0 (0 = off)", typed);
        check(earlyStop >= 0, "--early-stop", earlyStop, "an integer >= 0 (0 = off)", typed);
        check(target > 0 && target <= 1, "--target", target, "an accuracy in (0, 1]", typed);
        check(warmup >= 0, "--warmup", warmup, "a number of epochs >= 0", typed);
        check(gamma > 0 && gamma <= 1, "--gamma", gamma, "a number in (0, 1]", typed);
        check(stepEpochs > 0, "--step-epochs", stepEpochs, "a positive number of epochs", typed);
        check(Schedule.KINDS.contains(schedule), "--schedule", schedule, "one of " + String.join(", ", Schedule.KINDS), typed);
        Activation act;
        try {
            act = Activation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new OptionException("--activation", typed.typed("--activation", activation), "relu, leaky-relu, sigmoid, tanh or identity");
        }
        try {
            Loss.parse(output);
        } catch (IllegalArgumentException e) {
            throw new OptionException("--output", typed.typed("--output", output), "softmax, sigmoid or mse");
        }
        int[] sizes = parseLayers();
        float[] rates = parseDropout(sizes.length);
        AugmentSpec augmentSpec;
        try {
            augmentSpec = AugmentSpec.parse(augment, shiftPixels, rotateDegrees, scale, elasticAlpha, elasticSigma);
        } catch (IllegalArgumentException e) {
            throw new OptionException("--augment", "Invalid augmentation: " + e.getMessage());
        }
        check(!augmentSpec.any() || !(dataset.equals("breast-cancer") || csv), "--augment", augment, "none for tabular data (images only)", typed);
        OptimizerSpec opt = OptimizerSpec.withDefaults(optimizer, lr, momentum, beta1, beta2, eps, rho, l2, weightDecay);
        Schedule sched = new Schedule(schedule, gamma, stepEpochs, warmup);
        DataSpec data = new DataSpec(dataset, dataDir, strictData, trainFile, testFile, labelColumn, header, seed, validation, trainLimit);
        return new RunSpec(typedOptions, data, sizes, act, output, opt, rates, new TrainOptions(batch, seed, sched, earlyStop, maxNorm, augmentSpec),
                epochs, kernels, threads, target, out, save, checkpoint, checkpointEvery);
    }

    private static void check(boolean ok, String option, Object value, String expected, Given typed) {
        if (!ok) throw new OptionException(option, typed.typed(option, value), expected);
    }

    /** A command object for picocli to parse into (the options are a mixin, as in {@code train}). */
    @CommandLine.Command(name = "train")
    static final class Holder {
        @CommandLine.Mixin
        final TrainArgs args;

        Holder(TrainArgs args) {
            this.args = args;
        }
    }

    private void resolveDefaults() {
        boolean tabular = "breast-cancer".equals(dataset) || "csv".equals(dataset);
        if (layers == null) layers = tabular ? "16" : "512,512";
        if (output == null) output = "breast-cancer".equals(dataset) ? "sigmoid" : "softmax";
        if (batch == null) batch = tabular ? 32 : 128;
        if (epochs == null) epochs = tabular ? 60 : 10;
        if (threads == null) threads = Runtime.getRuntime().availableProcessors();
        if (target == null) target = switch (dataset) {
            case "fashion-mnist" -> 0.88;
            case "breast-cancer" -> 0.95;
            case "csv", "idx" -> 0.9;
            default -> 0.98;
        };
    }

    private int[] parseLayers() {
        if (layers.isBlank() || layers.equals("none")) return new int[0];
        try {
            int[] sizes = Arrays.stream(layers.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int s : sizes) if (s < 1) throw new NumberFormatException();
            return sizes;
        } catch (NumberFormatException e) {
            throw new OptionException("--layers", layers, "positive integers separated by commas, e.g. 512,512, or 'none'");
        }
    }

    /** One rate per hidden layer (no input dropout), or hidden + 1 rates starting with the inputs. */
    private float[] parseDropout(int hiddenLayers) {
        float[] rates = new float[hiddenLayers + 1];
        if (dropout == null || dropout.isBlank() || dropout.equals("none")) return rates;
        String expected = (hiddenLayers) + " rates (one per hidden layer) or " + (hiddenLayers + 1)
                + " (inputs, then each hidden layer), each in [0, 1)";
        float[] given;
        try {
            given = new float[dropout.split(",").length];
            String[] parts = dropout.split(",");
            for (int i = 0; i < parts.length; i++) {
                given[i] = Float.parseFloat(parts[i].trim());
                if (!(given[i] >= 0f && given[i] < 1f)) throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new OptionException("--dropout", dropout, expected);
        }
        if (given.length == hiddenLayers + 1) return given;
        if (given.length == hiddenLayers && hiddenLayers > 0) {
            System.arraycopy(given, 0, rates, 1, hiddenLayers);
            return rates;
        }
        throw new OptionException("--dropout", dropout, expected);
    }
}
