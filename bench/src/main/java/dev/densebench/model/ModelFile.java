package dev.densebench.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.dataset.InputScaling;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Dense;
import dev.densebench.nn.Layer;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.nn.Param;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as a safetensors file that PyTorch loads into
 * {@code nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))}:
 * Dense layer i is module 2i, its weight stored as PyTorch's [out, in] (densebench keeps
 * [in, out], so it is transposed on the way out and in), its bias as [out]. Dropout is not a
 * module: at inference it is the identity. {@code __metadata__} holds what {@code predict}
 * needs (sizes, activation, output, classes, input scaling) and where the model came from.
 */
public final class ModelFile {
    private ModelFile() {
    }

    public static final String FORMAT = "densebench-model/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a model file says about itself, beside its weights. */
    public record Description(NetworkSpec spec, List<String> classes, InputScaling scaling, Map<String, String> origin) {
    }

    /** Writes {@code net}'s weights and {@code origin} (dataset, seed, version, ...) atomically. */
    public static void save(Path file, Network net, List<String> classes, InputScaling scaling, Map<String, String> origin)
            throws IOException {
        NetworkSpec spec = net.spec();
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        int module = 0;
        for (Layer l : net.layers()) {
            if (!(l instanceof Dense d)) continue;
            List<Param> p = d.params();
            int in = d.inputSize();
            int out = d.outputSize();
            tensors.add(new Safetensors.Tensor(module + ".weight", new int[] {out, in}, transpose(p.get(0).value(), in, out)));
            tensors.add(new Safetensors.Tensor(module + ".bias", new int[] {out}, p.get(1).value().clone()));
            module += 2;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("sizes", JSON.writeValueAsString(sizes(spec, net.outputSize())));
        meta.put("activation", spec.activation().cliName());
        meta.put("output", spec.output());
        meta.put("classes", JSON.writeValueAsString(classes));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", scaling.kind());
        if (scaling.mean() != null) {
            // As Float.toString text: parsed back with Float.parseFloat, every value round-trips exactly.
            s.put("mean", texts(scaling.mean()));
            s.put("sd", texts(scaling.sd()));
        }
        meta.put("inputScaling", JSON.writeValueAsString(s));
        meta.put("pytorch", pytorchModule(spec, net.outputSize()));
        meta.putAll(origin);
        Safetensors.write(file, tensors, meta);
    }

    /** Reads the description of a model file, checking it is one (format, sizes against tensors). */
    public static Description describe(Path file, Safetensors.Contents c) throws IOException {
        String format = c.metadata().get("format");
        if (!FORMAT.equals(format)) {
            throw new DataFormatException(file, "is a safetensors file but not a densebench model (format " + format + ", expected " + FORMAT + ")");
        }
        try {
            int[] sizes = JSON.readValue(c.meta(file, "sizes"), int[].class);
            List<String> classes = JSON.readValue(c.meta(file, "classes"), new TypeReference<List<String>>() { });
            Map<String, Object> s = JSON.readValue(c.meta(file, "inputScaling"), new TypeReference<Map<String, Object>>() { });
            InputScaling scaling = s.get("mean") == null ? new InputScaling((String) s.get("kind"), null, null)
                    : InputScaling.standardize(floats(s.get("mean")), floats(s.get("sd")));
            // The metadata is not under the tensors' SHA-256: check every field that builds the network.
            dev.densebench.loss.Loss loss = dev.densebench.loss.Loss.parse(c.meta(file, "output"));
            if (sizes.length < 2 || loss.outputSize(classes.size()) != sizes[sizes.length - 1]) {
                throw new DataFormatException(file, "sizes " + java.util.Arrays.toString(sizes) + " do not end in the "
                        + loss.outputSize(classes.size()) + " outputs of " + classes.size() + " classes with output " + loss.name());
            }
            int[] hidden = java.util.Arrays.copyOfRange(sizes, 1, sizes.length - 1);
            NetworkSpec spec = new NetworkSpec(sizes[0], hidden, Activation.parse(c.meta(file, "activation")), c.meta(file, "output"),
                    classes.size());
            for (int i = 0; i + 1 < sizes.length; i++) {
                int[] shape = c.tensor(file, (2 * i) + ".weight").shape();
                if (shape.length != 2 || shape[0] != sizes[i + 1] || shape[1] != sizes[i]) {
                    throw new DataFormatException(file, "tensor " + (2 * i) + ".weight has shape " + java.util.Arrays.toString(shape)
                            + " but the sizes " + java.util.Arrays.toString(sizes) + " need [" + sizes[i + 1] + ", " + sizes[i] + "]");
                }
            }
            if (c.tensors().size() != 2 * (sizes.length - 1)) {
                throw new DataFormatException(file, c.tensors().size() + " tensors for " + (sizes.length - 1) + " layers");
            }
            Map<String, String> origin = new LinkedHashMap<>(c.metadata());
            return new Description(spec, classes, scaling, origin);
        } catch (IOException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            if (e instanceof DataFormatException d) throw d;
            throw new DataFormatException(file, "damaged model metadata (" + e.getMessage() + ")");
        }
    }

    /** A loaded model: the network with its weights, ready to evaluate or predict, and its description. */
    public record Loaded(Network network, Description description) {
    }

    public static Loaded load(Path file, Kernels kernels, int maxBatch) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        return load(file, c, describe(file, c), kernels, maxBatch);
    }

    /** The network of a model file already read and described (so that it is read and hashed once). */
    public static Loaded load(Path file, Safetensors.Contents c, Description d, Kernels kernels, int maxBatch) throws IOException {
        Network net;
        try {
            net = new Network(d.spec(), kernels, maxBatch, 0);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, "its metadata describes no network densebench can build (" + e.getMessage() + ")");
        }
        int module = 0;
        for (Layer l : net.layers()) {
            if (!(l instanceof Dense dense)) continue;
            List<Param> p = dense.params();
            float[] w = transpose(c.tensor(file, module + ".weight").data(), dense.outputSize(), dense.inputSize());
            float[] b = c.tensor(file, module + ".bias").data();
            if (b.length != dense.outputSize()) throw new DataFormatException(file, "tensor " + module + ".bias has " + b.length + " values");
            System.arraycopy(w, 0, p.get(0).value(), 0, w.length);
            System.arraycopy(b, 0, p.get(1).value(), 0, b.length);
            module += 2;
        }
        return new Loaded(net, d);
    }

    /** Layer sizes from the inputs to the outputs, e.g. [784, 512, 512, 10]. */
    static int[] sizes(NetworkSpec spec, int outputs) {
        int[] hidden = spec.hidden();
        int[] s = new int[hidden.length + 2];
        s[0] = spec.inputs();
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = outputs;
        return s;
    }

    /** The PyTorch module this file loads into, as Python. */
    static String pytorchModule(NetworkSpec spec, int outputs) {
        int[] s = sizes(spec, outputs);
        String act = switch (spec.activation().cliName()) {
            case "relu" -> "nn.ReLU()";
            case "leaky-relu" -> "nn.LeakyReLU(0.01)";
            case "sigmoid" -> "nn.Sigmoid()";
            case "tanh" -> "nn.Tanh()";
            default -> "nn.Identity()";
        };
        StringBuilder b = new StringBuilder("nn.Sequential(");
        for (int i = 0; i + 1 < s.length; i++) {
            if (i > 0) b.append(", ").append(act).append(", ");
            b.append("nn.Linear(").append(s[i]).append(", ").append(s[i + 1]).append(")");
        }
        return b.append(")").toString();
    }

    /** [rows × cols] row-major to [cols × rows]. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        }
        return t;
    }

    private static List<String> texts(float[] values) {
        List<String> t = new ArrayList<>();
        for (float v : values) t.add(Float.toString(v));
        return t;
    }

    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) f[i] = Float.parseFloat((String) l.get(i));
        return f;
    }
}
