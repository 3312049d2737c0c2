package dev.densebench.augment;

/**
 * Resampling of one square-pixel grayscale image under a combined transform. For each output
 * pixel p (centre c = ((W−1)/2, (H−1)/2)), the source point is
 * <pre>
 *   s = R(−θ) · (p − c − t) / k + c + d(p)
 * </pre>
 * (t: translation, θ: rotation, k: scale, d: elastic displacement field), read with bilinear
 * interpolation and zero outside the image. An integer translation alone lands on pixel
 * centres, so it moves the image by exactly t pixels.
 */
public final class ImageWarp {
    private ImageWarp() {
    }

    /**
     * @param dispX, dispY displacement per output pixel (length W·H), or null for none
     */
    public static void warp(float[] src, int srcOff, float[] dst, int dstOff, int width, int height,
                            double tx, double ty, double angleRadians, double scale,
                            float[] dispX, float[] dispY) {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double cos = Math.cos(angleRadians) / scale, sin = Math.sin(angleRadians) / scale;
        for (int py = 0; py < height; py++) {
            double uy = py - cy - ty;
            for (int px = 0; px < width; px++) {
                double ux = px - cx - tx;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                int p = py * width + px;
                if (dispX != null) {
                    sx += dispX[p];
                    sy += dispY[p];
                }
                dst[dstOff + p] = bilinear(src, srcOff, width, height, sx, sy);
            }
        }
    }

    /** Bilinear read at (x, y), pixels outside the image count as 0. */
    static float bilinear(float[] src, int off, int width, int height, double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        float fx = (float) (x - x0), fy = (float) (y - y0);
        float v00 = at(src, off, width, height, x0, y0);
        float v10 = at(src, off, width, height, x0 + 1, y0);
        float v01 = at(src, off, width, height, x0, y0 + 1);
        float v11 = at(src, off, width, height, x0 + 1, y0 + 1);
        float top = v00 + fx * (v10 - v00);
        float bottom = v01 + fx * (v11 - v01);
        return top + fy * (bottom - top);
    }

    private static float at(float[] src, int off, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : src[off + y * width + x];
    }

    /** Separable Gaussian blur (σ in pixels, radius ⌈3σ⌉, zero padding) of a W×H field, in place. */
    public static void gaussianBlur(float[] field, int width, int height, float sigma, float[] scratch) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        float sum = 0f;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0f;
                for (int i = -radius; i <= radius; i++) {
                    int xx = x + i;
                    if (xx >= 0 && xx < width) acc += kernel[i + radius] * field[y * width + xx];
                }
                scratch[y * width + x] = acc;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0f;
                for (int i = -radius; i <= radius; i++) {
                    int yy = y + i;
                    if (yy >= 0 && yy < height) acc += kernel[i + radius] * scratch[yy * width + x];
                }
                field[y * width + x] = acc;
            }
        }
    }
}
