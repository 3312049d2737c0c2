package dev.densebench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.runrecord.RunRecordWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (the one PyTorch and Hugging Face share), float32 only:
 * <pre>
 *   u64 little-endian N | N bytes of JSON header, padded with spaces to a multiple of 8 | data
 *   header: {"__metadata__": {string: string}, "NAME": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...}
 * </pre>
 * Offsets are relative to the data section, contiguous from 0, in the order of the tensors.
 * The writer adds {@code tensorSha256}, the SHA-256 of the data section, to the metadata and
 * the reader checks it, so a flipped bit in the weights is refused, not silently used.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** A float32 tensor: its name, its shape (row-major) and its values. */
    public record Tensor(String name, int[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (int d : shape) n *= d;
            if (n != data.length) throw new IllegalArgumentException(name + ": shape holds " + n + " values, data " + data.length);
        }
    }

    /** What a file holds: its tensors in file order and its metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Tensor tensor(Path file, String name) throws DataFormatException {
            Tensor t = tensors.get(name);
            if (t == null) throw new DataFormatException(file, "no tensor '" + name + "' (it holds " + tensors.keySet() + ")");
            return t;
        }

        public String meta(Path file, String key) throws DataFormatException {
            String v = metadata.get(key);
            if (v == null) throw new DataFormatException(file, "no '" + key + "' in its __metadata__");
            return v;
        }
    }

    public static final String SHA_KEY = "tensorSha256";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers beyond this are refused before anything is allocated (the safetensors library uses 100 MB too). */
    private static final long MAX_HEADER = 100L << 20;

    /** Writes the tensors and metadata to {@code file} atomically (temporary file, fsync, rename). */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(tensors.stream().mapToLong(t -> 4L * t.data().length).sum()))
                .order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        for (Tensor t : tensors) {
            int begin = data.position();
            data.asFloatBuffer().put(t.data());
            data.position(begin + 4 * t.data().length);
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            entry.putArray("data_offsets").add(begin).add(data.position());
        }
        meta.put(SHA_KEY, sha256(data.array()));
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();
        data.flip();
        RunRecordWriter.replaceAtomically(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (head.hasRemaining()) ch.write(head);
                while (data.hasRemaining()) ch.write(data);
                ch.force(true);
            }
        });
    }

    /**
     * Reads and checks a file: a header length that fits the file, JSON that parses, every tensor
     * F32 with a shape matching its offsets, offsets contiguous from 0 to the end of the file, and
     * the data's SHA-256 when the metadata carries one. Any failure is a {@link DataFormatException}
     * naming the file.
     */
    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 8) throw new DataFormatException(file, "is " + size + " bytes, too short for a safetensors file (8-byte header length)");
        byte[] all;
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (len.hasRemaining() && ch.read(len) >= 0) { }
            long n = len.flip().getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new DataFormatException(file, "header length " + Long.toUnsignedString(n) + " does not fit a file of " + size
                        + " bytes: not a safetensors file, or truncated");
            }
            if (size - 8 - n > Integer.MAX_VALUE - 16) throw new DataFormatException(file, "data section over 2 GB");
            all = Files.readAllBytes(file);
            return parse(file, all, (int) n);
        }
    }

    private static Contents parse(Path file, byte[] all, int headerLength) throws DataFormatException {
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 8, headerLength, StandardCharsets.UTF_8).strip());
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, "header is not valid JSON (" + e.getOriginalMessage() + "): not a safetensors file, or damaged");
        }
        if (header == null || !header.isObject()) throw new DataFormatException(file, "header is not a JSON object");
        int dataStart = 8 + headerLength;
        int dataLength = all.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int expectedBegin = 0;
        ByteBuffer data = ByteBuffer.wrap(all, dataStart, dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("__metadata__")) {
                if (!v.isObject()) throw new DataFormatException(file, "__metadata__ is not an object of strings");
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String name = e.getKey();
            if (!"F32".equals(v.path("dtype").asText())) {
                throw new DataFormatException(file, "tensor '" + name + "' has dtype " + v.path("dtype") + "; only F32 is supported");
            }
            JsonNode shapeNode = v.path("shape");
            JsonNode offsets = v.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw new DataFormatException(file, "tensor '" + name + "' needs a shape array and two data_offsets");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                long d = shapeNode.get(i).asLong(-1);
                if (d < 0 || d > Integer.MAX_VALUE) throw new DataFormatException(file, "tensor '" + name + "' has a bad shape " + shapeNode);
                shape[i] = (int) d;
                count *= d;
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin != expectedBegin || end - begin != 4 * count || end > dataLength) {
                throw new DataFormatException(file, "tensor '" + name + "' has data_offsets " + offsets + " but shape " + shapeNode
                        + " needs " + (4 * count) + " bytes from " + expectedBegin + " within " + dataLength + ": truncated or damaged");
            }
            float[] values = new float[(int) count];
            data.position((int) begin);
            data.asFloatBuffer().get(values);
            tensors.put(name, new Tensor(name, shape, values));
            expectedBegin = (int) end;
        }
        if (expectedBegin != dataLength) {
            throw new DataFormatException(file, "the tensors end at byte " + expectedBegin + " of a " + dataLength
                    + "-byte data section: truncated or damaged");
        }
        String sha = metadata.get(SHA_KEY);
        if (sha != null) {
            byte[] section = java.util.Arrays.copyOfRange(all, dataStart, all.length);
            if (!sha.equals(sha256(section))) throw new DataFormatException(file, "tensor data does not match its SHA-256 (" + SHA_KEY + "): damaged");
        }
        return new Contents(tensors, metadata);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
