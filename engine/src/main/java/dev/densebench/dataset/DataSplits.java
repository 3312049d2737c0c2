package dev.densebench.dataset;

/**
 * Train, validation (carved from the training data with the seed) and test sets, and the
 * scaling that turned raw values into the inputs of all three (a model saves it).
 */
public record DataSplits(Dataset train, Dataset validation, Dataset test, InputScaling scaling) {
    /** Splits of data that needed no scaling (synthetic sets in tests and benchmarks). */
    public DataSplits(Dataset train, Dataset validation, Dataset test) {
        this(train, validation, test, InputScaling.NONE);
    }
}
