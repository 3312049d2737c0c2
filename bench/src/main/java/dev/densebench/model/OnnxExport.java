package dev.densebench.model;

import ai.onnx.proto.OnnxMl;
import dev.densebench.dataset.InputScaling;
import dev.densebench.nn.Dense;
import dev.densebench.nn.Layer;
import dev.densebench.nn.Network;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A model as an ONNX graph (IR version {@value #IR_VERSION}, default-domain opset
 * {@value #OPSET}), built with Tribuo's ONNX protobuf classes:
 * <pre>
 *   raw_input [N, inputs] → the model's input scaling (Mul by 1/255, or Sub mean, Div sd)
 *     → Gemm(W1, b1) → activation → … → Gemm(Wn, bn) → Softmax(axis 1) | Sigmoid | (mse: none) → output
 * </pre>
 * The input is the raw values {@code predict} reads (pixels 0–255, unscaled CSV features), so the
 * graph gives what {@code predict} gives. W is stored [in, out] as densebench holds it, so Gemm
 * needs no transpose. A sigmoid model's output is [N, 1], the probability of class 1.
 */
public final class OnnxExport {
    private OnnxExport() {
    }

    public static final int IR_VERSION = 8;
    public static final int OPSET = 13;

    /** Operators Tribuo's list lacks, at versions valid in opset 13. */
    enum ExtraOperators implements ONNXOperator {
        RELU("Relu", 13),
        TANH("Tanh", 13),
        LEAKY_RELU("LeakyRelu", 6, new ONNXAttribute("alpha", OnnxMl.AttributeProto.AttributeType.FLOAT, false));

        final String opName;
        final int version;
        final Map<String, ONNXAttribute> attributes;

        ExtraOperators(String opName, int version, ONNXAttribute... attributes) {
            this.opName = opName;
            this.version = version;
            Map<String, ONNXAttribute> m = new java.util.HashMap<>();
            for (ONNXAttribute a : attributes) m.put(a.getName(), a);
            this.attributes = Collections.unmodifiableMap(m);
        }

        @Override public String getOpName() { return opName; }
        @Override public int getNumInputs() { return 1; }
        @Override public int getNumOptionalInputs() { return 0; }
        @Override public int getNumOutputs() { return 1; }
        @Override public Map<String, ONNXAttribute> getAttributes() { return attributes; }
        @Override public Set<String> getMandatoryAttributeNames() { return Set.of(); }
        @Override public int getOpVersion() { return version; }
        @Override public String getOpDomain() { return ""; }
    }

    public static OnnxMl.ModelProto build(Network net, InputScaling scaling, Map<String, String> origin) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("densebench");
        int inputs = net.spec().inputs();
        ONNXRef<?> h = ctx.floatInput("raw_input", inputs);
        switch (scaling.kind()) {
            case "pixels" -> h = h.apply(ONNXOperators.MUL, ctx.constant("inv255", 1f / 255f));
            case "standardize" -> h = h.apply(ONNXOperators.SUB, ctx.array("mean", scaling.mean()))
                    .apply(ONNXOperators.DIV, ctx.array("sd", scaling.sd()));
            default -> { }
        }
        List<Dense> dense = net.layers().stream().filter(l -> l instanceof Dense).map(l -> (Dense) l).toList();
        for (int i = 0; i < dense.size(); i++) {
            Dense d = dense.get(i);
            float[] w = d.params().get(0).value();
            ONNXRef<?> weight = ctx.floatTensor("dense" + (i + 1) + ".weight", List.of(d.inputSize(), d.outputSize()), fb -> fb.put(w));
            ONNXRef<?> bias = ctx.array("dense" + (i + 1) + ".bias", d.params().get(1).value());
            h = h.apply(ONNXOperators.GEMM, List.of(weight, bias));
            if (i + 1 < dense.size()) h = activation(h, net.spec().activation().cliName());
        }
        int outputs = net.outputSize();
        h = switch (net.spec().output()) {
            case "softmax" -> h.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1));
            case "sigmoid" -> h.apply(ONNXOperators.SIGMOID);
            default -> h;
        };
        h.assignTo(ctx.floatOutput("output", outputs));
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("densebench")
                .setProducerVersion(origin.getOrDefault("densebenchVersion", ""))
                .setDocString("densebench " + net.spec().describe(outputs) + " " + net.spec().activation().cliName() + " "
                        + net.spec().output() + "; output " + (net.spec().output().equals("sigmoid") ? "[N, 1] = P(class 1)" : "[N, classes]"))
                .setGraph(ctx.buildGraph());
        for (String key : List.of("dataset", "classes", "commit", "seed")) {
            if (origin.containsKey(key)) model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(origin.get(key)));
        }
        return model.build();
    }

    private static ONNXRef<?> activation(ONNXRef<?> h, String name) {
        return switch (name) {
            case "relu" -> h.apply(ExtraOperators.RELU);
            case "tanh" -> h.apply(ExtraOperators.TANH);
            case "sigmoid" -> h.apply(ONNXOperators.SIGMOID);
            case "leaky-relu" -> h.apply(ExtraOperators.LEAKY_RELU, Map.of("alpha", dev.densebench.kernel.Activation.LEAKY_SLOPE));
            case "identity" -> h;
            default -> throw new IllegalArgumentException("no ONNX operator for activation " + name);
        };
    }

    public static void write(Path file, OnnxMl.ModelProto model) throws IOException {
        dev.densebench.runrecord.RunRecordWriter.replaceAtomically(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
        });
    }
}
