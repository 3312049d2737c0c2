package dev.densebench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.model.Checkpoint;
import dev.densebench.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The model and checkpoint readers on any bytes: a model or checkpoint, or their
 * DataFormatException naming the file. Seeds: a small real model and checkpoint.
 */
class ModelFileFuzzTest {
    static final Path DIR = FuzzFiles.folder("model");

    @FuzzTest
    void model(byte[] bytes) throws IOException {
        Path file = FuzzFiles.write(DIR.resolve("m.safetensors"), bytes);
        try {
            ModelFile.load(file, new ScalarKernels(), 2);
        } catch (DataFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError(expected.getMessage());
        }
    }

    @FuzzTest
    void checkpoint(byte[] bytes) throws IOException {
        Path dir = DIR.resolve("ck");
        Path file = FuzzFiles.write(dir.resolve("checkpoint.safetensors"), bytes);
        try {
            new Checkpoint(dir).load(msg -> { });
        } catch (DataFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError(expected.getMessage());
        }
    }
}
