package dev.densebench.cli;

import dev.densebench.dataset.Datasets;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** Every option of {@code train}, with its default; checked and resolved by {@link TrainCommand}. */
public final class TrainArgs {

    // --- data and network -------------------------------------------------------------------
    @Option(names = "--dataset", description = "mnist, fashion-mnist, breast-cancer, or your own: csv (--train, --test) or idx (--data-dir) (default: ${DEFAULT-VALUE})", defaultValue = "mnist")
    String dataset;

    @Option(names = "--train", description = "with --dataset csv: the training CSV file (features and a label per line)")
    Path trainFile;

    @Option(names = "--test", description = "with --dataset csv: the test CSV file, same columns")
    Path testFile;

    @Option(names = "--label-column", description = "with --dataset csv: the label column, a name (with --header) or a 0-based index (default: the last)")
    String labelColumn;

    @Option(names = "--header", description = "with --dataset csv: the first line names the columns")
    boolean header;

    @Option(names = "--layers", description = "hidden layer sizes, comma-separated, or 'none' (default: per dataset)")
    String layers;

    @Option(names = "--activation", description = "hidden activation: relu, leaky-relu, sigmoid, tanh (default: ${DEFAULT-VALUE})", defaultValue = "relu")
    String activation;

    @Option(names = "--output", description = "output and loss: softmax (cross-entropy), sigmoid (binary cross-entropy), mse (default: per dataset)")
    String output;

    // --- optimizer -------------------------------------------------------------------------
    @Option(names = "--optimizer", description = "sgd, momentum, nesterov, rmsprop, adam, adamw, adagrad (default: ${DEFAULT-VALUE})", defaultValue = "sgd")
    String optimizer;

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

    @Option(names = "--max-norm", description = "max L2 norm of each unit's incoming weights, 0 = off (default: ${DEFAULT-VALUE})", defaultValue = "0")
    float maxNorm;

    @Option(names = "--augment", description = "image augmentation: subset of shift,affine,elastic or none (default: ${DEFAULT-VALUE})", defaultValue = "none")
    String augment;

    @Option(names = "--shift-pixels", description = "largest random translation, pixels (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int shiftPixels;

    @Option(names = "--rotate-degrees", description = "largest random rotation, degrees (default: ${DEFAULT-VALUE})", defaultValue = "10")
    float rotateDegrees;

    @Option(names = "--scale", description = "largest random scaling, fraction (default: ${DEFAULT-VALUE})", defaultValue = "0.1")
    float scale;

    @Option(names = "--elastic-alpha", description = "elastic distortion strength α, pixels (default: ${DEFAULT-VALUE})", defaultValue = "34")
    float elasticAlpha;

    @Option(names = "--elastic-sigma", description = "elastic smoothing σ, pixels (default: ${DEFAULT-VALUE})", defaultValue = "4")
    float elasticSigma;

    // --- schedule and stopping --------------------------------------------------------------
    @Option(names = "--schedule", description = "constant, step, exponential, cosine (default: ${DEFAULT-VALUE})", defaultValue = "constant")
    String schedule;

    @Option(names = "--gamma", description = "decay factor for step (per step) and exponential (per epoch) (default: ${DEFAULT-VALUE})", defaultValue = "0.5")
    float gamma;

    @Option(names = "--step-epochs", description = "epochs between decays of the step schedule (default: ${DEFAULT-VALUE})", defaultValue = "5")
    float stepEpochs;

    @Option(names = "--warmup", description = "linear warm-up, epochs, 0 = none (default: ${DEFAULT-VALUE})", defaultValue = "0")
    float warmup;

    @Option(names = "--early-stop", description = "stop after N epochs without a better validation accuracy and restore the best weights, 0 = off (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int earlyStop;

    @Option(names = "--target", description = "test accuracy for the record's time-to-target, in (0, 1] (default: mnist 0.98, fashion-mnist 0.88, breast-cancer 0.95)")
    Double target;

    // --- run --------------------------------------------------------------------------------
    @Option(names = "--batch", description = "mini-batch size, >= 1 (default: per dataset)")
    Integer batch;

    @Option(names = "--epochs", description = "epochs, >= 1 (default: per dataset)")
    Integer epochs;

    @Option(names = "--seed", description = "seed for init, split, shuffling, dropout and augmentation (default: ${DEFAULT-VALUE})", defaultValue = "1")
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

    @Option(names = "--strict-data", description = "with --data-dir: a file whose SHA-256 is not the published one is an error, not a warning")
    boolean strictData;

    @Option(names = "--out", description = "run record JSON file (default: reports/runs/<dataset>-<optimizer>-seed<seed>-<time>.json)")
    Path out;

    // --- keep what was trained ---------------------------------------------------------------
    @Option(names = "--save", description = "write the trained model to this safetensors file (loads into PyTorch's nn.Sequential)")
    Path save;

    @Option(names = "--checkpoint", description = "folder for a checkpoint (weights, optimizer, early stopping, history) after every --checkpoint-every epochs")
    Path checkpoint;

    @Option(names = "--checkpoint-every", description = "epochs between checkpoints, >= 1 (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue the run whose checkpoint folder this is, with its own options (only --threads, --out, --save and --checkpoint-every may be given too)")
    Path resume;

    void resolveDefaults() {
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

    int[] parseLayers(TrainCommand cmd) {
        if (layers.isBlank() || layers.equals("none")) return new int[0];
        try {
            int[] sizes = Arrays.stream(layers.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int s : sizes) if (s < 1) throw new NumberFormatException();
            return sizes;
        } catch (NumberFormatException e) {
            throw cmd.fail("--layers", layers, "positive integers separated by commas, e.g. 512,512, or 'none'");
        }
    }

    /** One rate per hidden layer (no input dropout), or hidden + 1 rates starting with the inputs. */
    float[] parseDropout(TrainCommand cmd, int hiddenLayers) {
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
            throw cmd.fail("--dropout", dropout, expected);
        }
        if (given.length == hiddenLayers + 1) return given;
        if (given.length == hiddenLayers && hiddenLayers > 0) {
            System.arraycopy(given, 0, rates, 1, hiddenLayers);
            return rates;
        }
        throw cmd.fail("--dropout", dropout, expected);
    }

    String regularizationSummary(TrainCommand.TrainingSetup r) {
        var o = r.optimizer();
        return String.format("l2 %s  weight decay %s  dropout %s  max-norm %s  augment %s  schedule %s  early-stop %s",
                o.l2(), o.weightDecay(), Arrays.toString(r.dropout()), maxNorm == 0 ? "off" : maxNorm,
                r.options().augment().describe(), schedule + (warmup > 0 ? " +warmup " + warmup : ""),
                earlyStop == 0 ? "off" : earlyStop);
    }
}
