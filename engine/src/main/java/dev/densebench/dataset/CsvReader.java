package dev.densebench.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the scikit-learn tabular format used by {@code breast_cancer.csv}: a header line
 * {@code rows,features,className0,className1,...}, then one line per example with
 * {@code features} numbers and an integer label in [0, classes).
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static Dataset read(Path file, String name) throws IOException {
        try {
            return readText(file, name);
        } catch (java.nio.charset.CharacterCodingException e) {
            // Bytes that are not UTF-8 (found by CsvReaderFuzzTest): a format error, not an I/O failure.
            throw new DataFormatException(file, "is not UTF-8 text (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Dataset readText(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "file not found");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new DataFormatException(file, "empty file (expected a header 'rows,features,class names...')");
            }
            String[] header = headerLine.split(",", -1);
            if (header.length < 4) {
                throw new DataFormatException(file, "line 1: header needs rows, features and at least 2 class names, got '" + headerLine + "'");
            }
            int rows = parseCount(file, header[0], "row count");
            int features = parseCount(file, header[1], "feature count");
            List<String> classes = Arrays.stream(header, 2, header.length).map(String::trim).toList();
            // Refuse absurd headers before allocating: each row needs at least 2 bytes per column.
            long minBytes = (long) rows * (features + 1) * 2;
            if (minBytes > Files.size(file)) {
                throw new DataFormatException(file, "header claims " + rows + " rows of " + features
                        + " features, more than the file's " + Files.size(file) + " bytes can hold");
            }
            float[] x = new float[rows * features];
            int[] y = new int[rows];
            for (int r = 0; r < rows; r++) {
                int lineNo = r + 2;
                String line = in.readLine();
                if (line == null) {
                    throw new DataFormatException(file, "truncated: header claims " + rows + " rows, found " + r);
                }
                String[] cells = line.split(",", -1);
                if (cells.length != features + 1) {
                    throw new DataFormatException(file, "line " + lineNo + ": " + cells.length
                            + " columns, expected " + (features + 1) + " (" + features + " features and a label)");
                }
                for (int j = 0; j < features; j++) {
                    x[r * features + j] = parseFloat(file, lineNo, j + 1, cells[j]);
                }
                int label;
                try {
                    label = Integer.parseInt(cells[features].trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, "line " + lineNo + ": label '" + cells[features] + "' is not an integer");
                }
                if (label < 0 || label >= classes.size()) {
                    throw new DataFormatException(file, "line " + lineNo + ": label " + label
                            + " outside the classes 0.." + (classes.size() - 1));
                }
                y[r] = label;
            }
            String extra;
            while ((extra = in.readLine()) != null) {
                if (!extra.isBlank()) {
                    throw new DataFormatException(file, "more rows than the header's " + rows);
                }
            }
            return new Dataset(name, x, y, rows, features, classes);
        }
    }

    private static int parseCount(Path file, String cell, String what) throws DataFormatException {
        try {
            int v = Integer.parseInt(cell.trim());
            if (v <= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "line 1: " + what + " '" + cell + "' is not a positive integer");
        }
    }

    private static float parseFloat(Path file, int line, int column, String cell) throws DataFormatException {
        try {
            float v = Float.parseFloat(cell.trim());
            if (!Float.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "line " + line + ", column " + column + ": '" + cell + "' is not a finite number");
        }
    }
}
