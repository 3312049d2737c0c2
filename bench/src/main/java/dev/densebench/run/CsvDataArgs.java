package dev.densebench.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a CSV data set of one's own ({@code --dataset csv}), shared by {@code train} and
 * {@code evaluate}; in a grid, the same names without the dashes (fields named as the options).
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CsvDataArgs {
    @Option(names = "--train", paramLabel = "<file>", description = "with --dataset csv: the training CSV file (features and a label per line)")
    Path train;

    @Option(names = "--test", paramLabel = "<file>", description = "with --dataset csv: the test CSV file, same columns")
    Path test;

    @Option(names = "--label-column", description = "with --dataset csv: the label column, a name (with --header) or a 0-based index (default: the last)")
    String labelColumn;

    @Option(names = "--header", description = "with --dataset csv: the first line names the columns")
    boolean header;

    public Path trainFile() {
        return train;
    }

    public Path testFile() {
        return test;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public boolean header() {
        return header;
    }
}
