package dev.densebench.cli;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.model.ModelFile;
import dev.densebench.model.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densebench export}: a saved model as an ONNX graph that ONNX Runtime (and anything else that reads ONNX) runs. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Export a saved model: --format onnx (IR version " + OnnxExport.IR_VERSION + ", opset " + OnnxExport.OPSET
                + "; input 'raw_input' [N, features] of raw values, output 'output' [N, classes] of probabilities).")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a model file written by train --save")
    Path model;

    @Option(names = "--format", required = true, description = "onnx")
    String format;

    @Option(names = "--out", required = true, description = "the file to write, e.g. model.onnx")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '" + format + "' (expected onnx)");
        }
        Kernels k = new ScalarKernels();   // only holds the weights: nothing is computed
        ModelFile.Loaded m = ModelFile.load(model, k, 1);
        OnnxExport.write(out, OnnxExport.build(m.network(), m.description().scaling(), m.description().origin()));
        System.out.printf("ONNX (IR %d, opset %d): %s%n", OnnxExport.IR_VERSION, OnnxExport.OPSET, out);
        return 0;
    }
}
