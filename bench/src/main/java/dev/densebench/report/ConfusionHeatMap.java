package dev.densebench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix as a heat map: rows the true class (top to bottom), columns the predicted
 * class; a cell's shade is its share of the row (the class's recall on the diagonal), its text
 * the count. Shares, not counts, so that classes of different sizes compare.
 */
final class ConfusionHeatMap {
    private ConfusionHeatMap() {
    }

    static void write(Path png, String title, List<String> classes, long[][] counts) throws IOException {
        int n = classes.size();
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        XYPlot plot = new XYPlot();
        for (int t = 0; t < n; t++) {
            long row = 0;
            for (long c : counts[t]) row += c;
            for (int p = 0; p < n; p++) {
                int i = t * n + p;
                xs[i] = p;
                ys[i] = n - 1 - t;   // the first class on top, as in a printed matrix
                zs[i] = row == 0 ? 0 : (double) counts[t][p] / row;
                XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[t][p]), p, n - 1 - t);
                label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 6 ? 11 : 14));
                label.setPaint(zs[i] > 0.55 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(label);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of the true class", new double[][] {xs, ys, zs});
        String[] names = classes.toArray(String[]::new);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) reversed[i] = names[n - 1 - i];
        SymbolAxis predicted = new SymbolAxis("predicted class", names);
        SymbolAxis truth = new SymbolAxis("true class", reversed);
        predicted.setGridBandsVisible(false);
        truth.setGridBandsVisible(false);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Blues());
        plot.setDataset(data);
        plot.setDomainAxis(predicted);
        plot.setRangeAxis(truth);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 620, 560);
    }

    /** White (0) to a dark blue (1), linear in the share. */
    private static final class Blues implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double share) {
            double s = Math.max(0, Math.min(1, share));
            return new Color((int) Math.round(255 - s * (255 - 8)), (int) Math.round(255 - s * (255 - 48)),
                    (int) Math.round(255 - s * (255 - 107)));
        }
    }
}
