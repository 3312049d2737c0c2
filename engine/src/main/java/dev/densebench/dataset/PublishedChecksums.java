package dev.densebench.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The published SHA-256 of the built-in datasets' files (of the uncompressed content, as in
 * {@code scripts/datasets.sha256} and DESIGN.md), so that a user's own copies under
 * {@code --data-dir} are checked like the fetched ones: a mismatch is reported, and the caller
 * decides whether it is a warning or an error.
 */
public final class PublishedChecksums {
    private PublishedChecksums() {
    }

    static final Map<String, String> SHA256 = Map.of(
            "mnist/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "mnist/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "mnist/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "mnist/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            "fashion-mnist/train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "fashion-mnist/train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "fashion-mnist/t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "fashion-mnist/t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            "breast-cancer/breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed");

    /**
     * One line per file of {@code dataset} under {@code dataDir} (raw or {@code .gz}) whose
     * uncompressed content does not have the published SHA-256; empty when all match. Files that
     * are missing are left to the readers, which name them.
     */
    public static List<String> mismatches(String dataset, Path dataDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : SHA256.entrySet()) {
            if (!e.getKey().startsWith(dataset + "/")) continue;
            Path raw = dataDir.resolve(e.getKey());
            Path gz = dataDir.resolve(e.getKey() + ".gz");
            Path file = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
            if (file == null) continue;
            String actual = sha256(file);
            if (!actual.equals(e.getValue())) {
                out.add(file + ": SHA-256 " + actual.substring(0, 12) + "… is not the published "
                        + e.getValue().substring(0, 12) + "… of " + e.getKey());
            }
        }
        out.sort(null);
        return out;
    }

    /** SHA-256 of the file's content, gunzipped first when its name ends in {@code .gz}. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(file, "not a valid gzip file (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            // A gzip stream cut short ("Unexpected end of ZLIB input stream").
            throw new DataFormatException(file, "truncated gzip data (" + e.getMessage() + ")");
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
