package dev.densebench.run;

import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Datasets;
import dev.densebench.dataset.PublishedChecksums;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Which data a run trains and is tested on, and how it is split: a built-in dataset under
 * {@code dataDir} (default: {@code data/} of the densebench folder), your own CSV pair
 * ({@code csv}: {@code trainFile}, {@code testFile}, label column, header) or IDX folder
 * ({@code idx}: {@code dataDir}); the seed, validation size and training limit of the split.
 */
public record DataSpec(String dataset, Path dataDir, boolean strictData, Path trainFile, Path testFile, String labelColumn,
                       boolean header, long seed, int validation, int trainLimit) {

    /** The densebench folder ({@code run-bench.sh} passes it as {@code densebench.home}). */
    public static Path home() {
        return Path.of(System.getProperty("densebench.home", "."));
    }

    /** Reads and splits the data; warnings (a built-in file whose SHA-256 differs) go to {@code err}. */
    public DataSplits load(PrintWriter err) throws IOException {
        return switch (dataset) {
            case "csv" -> {
                System.err.printf("loading %s and %s ...%n", trainFile, testFile);
                yield Datasets.csv(trainFile, testFile, labelColumn, header, seed, trainLimit);
            }
            case "idx" -> {
                System.err.printf("loading IDX images from %s ...%n", dataDir);
                yield Datasets.idx(dataDir, seed, validation, trainLimit);
            }
            default -> {
                checkPublishedChecksums(err);
                Path dir = dataDir != null ? dataDir : home().resolve("data");
                System.err.printf("loading %s from %s ...%n", dataset, dir);
                yield Datasets.load(dataset, dir, seed, validation, trainLimit);
            }
        };
    }

    /**
     * Under {@code --data-dir} (the default folder is verified when it is fetched), files with the
     * built-in datasets' names are checked against the published SHA-256: a mismatch is a
     * one-line warning per file, or with {@code --strict-data} an error.
     */
    public void checkPublishedChecksums(PrintWriter err) throws IOException {
        if (dataDir == null) return;
        for (String problem : PublishedChecksums.mismatches(dataset, dataDir)) {
            if (strictData) throw new IOException(problem + " (--strict-data)");
            err.println("densebench: warning: " + problem + " (a copy of your own may differ; --strict-data makes this an error)");
            err.flush();
        }
    }

    /** The same data from another folder (the ablation's --data-dir). */
    public DataSpec withDataDir(Path dir) {
        return new DataSpec(dataset, dir, strictData, trainFile, testFile, labelColumn, header, seed, validation, trainLimit);
    }
}
