package dev.densebench.run;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a CSV data set of one's own ({@code --dataset csv}), shared by {@code train} and {@code evaluate}. */
public final class CsvDataArgs {
    @Option(names = "--train", description = "with --dataset csv: the training CSV file (features and a label per line)")
    Path trainFile;

    @Option(names = "--test", description = "with --dataset csv: the test CSV file, same columns")
    Path testFile;

    @Option(names = "--label-column", description = "with --dataset csv: the label column, a name (with --header) or a 0-based index (default: the last)")
    String labelColumn;

    @Option(names = "--header", description = "with --dataset csv: the first line names the columns")
    boolean header;

    public Path trainFile() {
        return trainFile;
    }

    public Path testFile() {
        return testFile;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public boolean header() {
        return header;
    }
}
