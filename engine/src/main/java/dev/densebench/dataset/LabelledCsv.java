package dev.densebench.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain CSV file of your own: one example per line, numbers in every column but the label
 * column, whose values (any text) name the classes. An optional header line names the columns,
 * so the label column can be given by name; otherwise by 0-based index (default: the last).
 * Every value must be a finite number; a bad value, a short or long line is an error naming the
 * file, the line and the column.
 */
public final class LabelledCsv {
    private LabelledCsv() {
    }

    /** The raw rows: features (rows × features, unscaled) and the label text of each row. */
    public record Rows(Path file, List<String> columns, float[] x, List<String> labels, int features) {
        public int rows() {
            return labels.size();
        }
    }

    /**
     * @param labelColumn a column name (with a header) or a 0-based index; {@code null}: the last column
     */
    public static Rows read(Path file, String labelColumn, boolean header) throws IOException {
        try {
            return readText(file, labelColumn, header);
        } catch (java.nio.charset.CharacterCodingException e) {
            // Bytes that are not UTF-8 (found by CsvReaderFuzzTest): a format error, not an I/O failure.
            throw new DataFormatException(file, "is not UTF-8 text (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Rows readText(Path file, String labelColumn, boolean header) throws IOException {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file, "file not found");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) throw new DataFormatException(file, "empty file");
            int width = split(first).length;
            List<String> columns = new ArrayList<>();
            if (header) {
                for (String c : split(first)) columns.add(c.trim());
            } else {
                for (int i = 0; i < width; i++) columns.add("column " + i);
            }
            if (width < 2) throw new DataFormatException(file, "line 1: " + width + " column; need at least one feature and a label");
            int label = labelIndex(file, labelColumn, columns, header);
            List<String> labels = new ArrayList<>();
            FloatList x = new FloatList();
            int lineNo = 1;
            String line = header ? in.readLine() : first;
            if (header) lineNo = 2;
            for (; line != null; line = in.readLine(), lineNo++) {
                if (line.isBlank()) continue;
                String[] v = split(line);
                if (v.length != width) {
                    throw new DataFormatException(file, "line " + lineNo + ": " + v.length + " columns, expected " + width + " (as line 1)");
                }
                for (int j = 0; j < width; j++) {
                    if (j == label) {
                        labels.add(v[j].trim());
                        continue;
                    }
                    x.add(number(file, lineNo, columns.get(j), v[j]));
                }
            }
            if (labels.isEmpty()) throw new DataFormatException(file, "no data rows");
            return new Rows(file, columns, x.toArray(), labels, width - 1);
        }
    }

    static float number(Path file, int line, String column, String text) throws DataFormatException {
        float f;
        try {
            f = Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "line " + line + ", " + column + ": '" + text.trim() + "' is not a number");
        }
        if (!Float.isFinite(f)) throw new DataFormatException(file, "line " + line + ", " + column + ": '" + text.trim() + "' is not finite");
        return f;
    }

    private static int labelIndex(Path file, String labelColumn, List<String> columns, boolean header) throws DataFormatException {
        if (labelColumn == null) return columns.size() - 1;
        int byName = columns.indexOf(labelColumn);
        if (header && byName >= 0) return byName;
        try {
            int i = Integer.parseInt(labelColumn.trim());
            if (i >= 0 && i < columns.size()) return i;
        } catch (NumberFormatException e) {
            // not an index either
        }
        throw new DataFormatException(file, "no label column '" + labelColumn + "' (" + (header ? "columns " + columns + ", or " : "")
                + "an index 0.." + (columns.size() - 1) + (header ? "" : "; a name needs --header") + ")");
    }

    static String[] split(String line) {
        return line.split(",", -1);
    }

    /**
     * The classes of a set of labels: sorted as numbers when every label is an integer
     * ("2" before "10"), else as text.
     */
    public static List<String> classesOf(List<String> labels) {
        List<String> distinct = labels.stream().distinct().toList();
        boolean numeric = distinct.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        return distinct.stream().sorted(numeric ? java.util.Comparator.comparingInt(Integer::parseInt)
                : java.util.Comparator.naturalOrder()).toList();
    }

    /** A growable float array, so that reading a large file does not box every value. */
    static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
