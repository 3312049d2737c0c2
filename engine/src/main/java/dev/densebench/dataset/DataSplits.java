package dev.densebench.dataset;

/** Train, validation (carved from the training data with the seed) and test sets. */
public record DataSplits(Dataset train, Dataset validation, Dataset test) {
}
