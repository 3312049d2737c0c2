package dev.densebench.augment;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which image augmentations run, and how strongly. Defaults follow the deep-MLP MNIST work of
 * Simard et al. (2003) and Cireşan et al. (2010): shifts of up to 2 px, rotations of up to
 * 10°, scaling by up to ±10 %, elastic distortion with α = 34 and σ = 4 (pixels).
 */
public record AugmentSpec(boolean shift, boolean affine, boolean elastic, int maxShiftPixels, float maxRotateDegrees,
                          float maxScale, float elasticAlpha, float elasticSigma) {

    public static final List<String> KINDS = List.of("shift", "affine", "elastic");

    public AugmentSpec {
        if (maxShiftPixels < 0) throw new IllegalArgumentException("--shift-pixels must be >= 0, got " + maxShiftPixels);
        if (!(maxRotateDegrees >= 0f && maxRotateDegrees <= 180f)) {
            throw new IllegalArgumentException("--rotate-degrees must be in [0, 180], got " + maxRotateDegrees);
        }
        if (!(maxScale >= 0f && maxScale < 1f)) throw new IllegalArgumentException("--scale must be in [0, 1), got " + maxScale);
        if (!(elasticAlpha >= 0f)) throw new IllegalArgumentException("--elastic-alpha must be >= 0, got " + elasticAlpha);
        if (!(elasticSigma > 0f)) throw new IllegalArgumentException("--elastic-sigma must be > 0, got " + elasticSigma);
    }

    public static AugmentSpec none() {
        return parse("", 2, 10f, 0.1f, 34f, 4f);
    }

    /** Parses {@code shift,affine,elastic} (any subset, or empty / {@code none}). */
    public static AugmentSpec parse(String kinds, int maxShiftPixels, float maxRotateDegrees, float maxScale,
                                    float elasticAlpha, float elasticSigma) {
        Set<String> set = new TreeSet<>();
        String trimmed = kinds == null ? "" : kinds.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty() && !trimmed.equals("none")) {
            for (String k : trimmed.split(",")) {
                String kind = k.trim();
                if (!KINDS.contains(kind)) {
                    throw new IllegalArgumentException("unknown augmentation '" + kind + "' (expected a comma-separated subset of "
                            + String.join(", ", KINDS) + ", or none)");
                }
                set.add(kind);
            }
        }
        return new AugmentSpec(set.contains("shift"), set.contains("affine"), set.contains("elastic"),
                maxShiftPixels, maxRotateDegrees, maxScale, elasticAlpha, elasticSigma);
    }

    public boolean any() {
        return shift || affine || elastic;
    }

    /** e.g. {@code shift,elastic}, or {@code none}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (shift) sb.append("shift,");
        if (affine) sb.append("affine,");
        if (elastic) sb.append("elastic,");
        return sb.isEmpty() ? "none" : sb.substring(0, sb.length() - 1);
    }
}
