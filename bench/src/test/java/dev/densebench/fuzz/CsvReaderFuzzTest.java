package dev.densebench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.densebench.dataset.CsvReader;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.dataset.Dataset;
import dev.densebench.dataset.LabelledCsv;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two CSV readers on any text: breast cancer's format ({@link CsvReader}) and your own
 * ({@link LabelledCsv}, with or without a header, any label column). Either a consistent result
 * or their DataFormatException naming the file.
 */
class CsvReaderFuzzTest {
    static final Path DIR = FuzzFiles.folder("csv");

    @FuzzTest
    void breastCancerFormat(byte[] bytes) throws IOException {
        Path file = FuzzFiles.write(DIR.resolve("breast_cancer.csv"), bytes);
        try {
            Dataset d = CsvReader.read(file, "fuzz");
            for (int label : d.y()) if (label < 0 || label >= d.classes()) throw new AssertionError("label " + label + " outside the classes");
            for (float v : d.x()) if (!Float.isFinite(v)) throw new AssertionError("a non-finite feature got through");
        } catch (DataFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError(expected.getMessage());
        }
    }

    @FuzzTest
    void ownCsv(FuzzedDataProvider data) throws IOException {
        boolean header = data.consumeBoolean();
        String label = data.consumeBoolean() ? null : data.consumeString(8);
        Path file = FuzzFiles.write(DIR.resolve("own.csv"), data.consumeRemainingAsBytes());
        try {
            LabelledCsv.Rows rows = LabelledCsv.read(file, label, header);
            if (rows.x().length != (long) rows.rows() * rows.features()) throw new AssertionError("values do not fill rows × features");
            LabelledCsv.classesOf(rows.labels());
        } catch (DataFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError(expected.getMessage());
        }
    }
}
