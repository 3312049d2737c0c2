package dev.densebench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's PNG charts, drawn with JFreeChart from run summaries and JMH results. */
final class Charts {
    private Charts() {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 480;

    /**
     * Okabe & Ito's colour-blind-safe palette (blue, vermillion, bluish green, reddish purple,
     * orange, sky blue, black; their yellow is left out for contrast on white), then darker shades.
     */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000),
        new Color(0x004C78), new Color(0x8F3F00), new Color(0x006B4E), new Color(0x8A5170), new Color(0x9A6B00),
    };

    /** Mean test accuracy per epoch, one line per variant, with a band of ± one standard deviation across seeds. */
    static void learningCurves(Path png, String title, Map<String, List<RunSummary>> byVariant) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<RunSummary>> e : byVariant.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey() + " (n=" + e.getValue().size() + ")");
            int epochs = e.getValue().stream().mapToInt(r -> r.testAccuracy().length).min().orElse(0);
            for (int ep = 0; ep < epochs; ep++) {
                final int i = ep;
                MeanAndSd st = MeanAndSd.of(e.getValue().stream().mapToDouble(r -> 100 * r.testAccuracy()[i]).toArray());
                s.add(ep + 1, st.mean(), st.mean() - st.std(), st.mean() + st.std());
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "test accuracy (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        usePalette(chart);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.15f);
        plot.setRenderer(r); // first, so that the series colours come from the plot's palette
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesFillPaint(i, r.lookupSeriesPaint(i));
        }
        percentAxis((NumberAxis) plot.getRangeAxis());
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Mean test accuracy after training per variant with ± one standard deviation error bars. */
    static void finalAccuracy(Path png, String title, Map<String, MeanAndSd> byVariant) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        double lo = 100;
        for (Map.Entry<String, MeanAndSd> e : byVariant.entrySet()) {
            data.add(100 * e.getValue().mean(), 100 * e.getValue().std(), "test accuracy", e.getKey());
            lo = Math.min(lo, 100 * (e.getValue().mean() - e.getValue().std()));
        }
        double from = Math.max(0, Math.floor(lo - 1));
        String axis = "test accuracy (%), mean ± sd" + (from > 0 ? String.format(" — axis starts at %.0f %%", from) : "");
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setSeriesPaint(0, PALETTE[0]);
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(from, 100);
        rotate(plot.getDomainAxis());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Mean training seconds per epoch per variant, ± one standard deviation (a runtime study is
     * about time, not accuracy); logarithmic when the variants span more than a factor of 30.
     */
    static void secondsPerEpoch(Path png, String title, Map<String, MeanAndSd> byVariant) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Map.Entry<String, MeanAndSd> e : byVariant.entrySet()) {
            double mean = e.getValue().mean();
            data.add(mean, Math.min(e.getValue().std(), 0.999 * mean), "seconds per epoch", e.getKey());
            min = Math.min(min, mean);
            max = Math.max(max, mean + e.getValue().std());
        }
        boolean log = min > 0 && max / min > 30;
        JFreeChart chart = ChartFactory.createBarChart(title, null, "training time per epoch (s), mean ± sd" + (log ? " (log scale)" : ""),
                data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(barsOnScale(plot, log, min, max, Double.POSITIVE_INFINITY));
        rotate(plot.getDomainAxis());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Mean test accuracy against mean cumulative training time, one line per variant. */
    static void accuracyVsTime(Path png, String title, Map<String, List<RunSummary>> byVariant) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<RunSummary>> e : byVariant.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false);
            int epochs = e.getValue().stream().mapToInt(r -> r.testAccuracy().length).min().orElse(0);
            for (int ep = 0; ep < epochs; ep++) {
                final int i = ep;
                double t = e.getValue().stream().mapToDouble(r -> r.cumulativeSeconds()[i]).average().orElse(0);
                double a = e.getValue().stream().mapToDouble(r -> 100 * r.testAccuracy()[i]).average().orElse(0);
                s.add(t, a);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "training time (s, cumulative)", "test accuracy (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        usePalette(chart);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(r);
        percentAxis((NumberAxis) chart.getXYPlot().getRangeAxis());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * An accuracy axis in percent that does not start at zero, spans at least one percentage
     * point (a study whose runs all end at 90.21 % had been drawn with "9.021E1" on every tick),
     * and labels its ticks as plain numbers.
     */
    private static void percentAxis(NumberAxis axis) {
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeMinimumSize(1.0);
        axis.setNumberFormatOverride(new DecimalFormat("0.##"));
    }

    /**
     * Horizontal bars with error bars (JMH's 99.9 % confidence interval), the interval clipped
     * at zero; on a logarithmic axis when the scores span more than a factor of 30 (GemmBench's
     * scalar and vector kernels), so that the small bars stay visible. Labels get up to half the
     * width, on as many lines as they need.
     */
    static void barsWithErrors(Path png, String title, String axis, Map<String, double[]> scoreAndError) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Map.Entry<String, double[]> e : scoreAndError.entrySet()) {
            double score = e.getValue()[0];
            // The interval is drawn as score ± error: shrink a half-width that would cross zero.
            double error = Math.min(e.getValue()[1], 0.999 * score);
            data.add(score, Double.isFinite(error) ? Math.max(0, error) : 0, "score", e.getKey());
            min = Math.min(min, score);
            max = Math.max(max, score + Math.max(0, e.getValue()[1]));
        }
        boolean log = min > 0 && max / min > 30;
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis + (log ? " (log scale)" : ""), data,
                PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        double top = scoreAndError.values().stream().mapToDouble(v -> v[0]).max().orElse(1);
        plot.setRenderer(barsOnScale(plot, log, min, max, 1.6 * top));
        CategoryAxis labels = plot.getDomainAxis();
        labels.setMaximumCategoryLabelWidthRatio(0.5f);
        labels.setMaximumCategoryLabelLines(3);
        style(chart);
        int height = Math.max(HEIGHT, 80 + 34 * scoreAndError.size());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, height);
    }

    /** Grouped bars: one group per category (e.g. GEMM shape), one bar per series (kernel, threads, reference). */
    static void groupedBars(Path png, String title, String axis, Map<String, Map<String, Double>> seriesToCategory) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Map.Entry<String, Map<String, Double>> s : seriesToCategory.entrySet()) {
            for (Map.Entry<String, Double> c : s.getValue().entrySet()) {
                data.addValue(c.getValue(), s.getKey(), c.getKey());
                if (c.getValue() > 0) min = Math.min(min, c.getValue());
                max = Math.max(max, c.getValue());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
        // Scalar and vector GFLOP/s differ a hundredfold: on a linear axis the scalar bars vanish.
        if (min > 0 && max / min > 30) {
            CategoryPlot plot = chart.getCategoryPlot();
            plot.setRangeAxis(decades(axis + " (log scale)", min / 2, max * 1.5));
            ((BarRenderer) plot.getRenderer()).setBase(min / 2);
        }
        usePalette(chart);
        rotate(chart.getCategoryPlot().getDomainAxis());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Bars with black error bars in the palette's first colour, on a log axis of decades (bars
     * grow from its left end, not from log 0) or on a linear one from zero that stops at
     * {@code linearCap}: a very wide interval is cut at the edge instead of squeezing every bar.
     */
    private static StatisticalBarRenderer barsOnScale(CategoryPlot plot, boolean log, double min, double max, double linearCap) {
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setSeriesPaint(0, PALETTE[0]);
        if (log) {
            plot.setRangeAxis(decades(plot.getRangeAxis().getLabel(), min / 2, max * 1.5));
            r.setBase(min / 2);
        } else {
            plot.getRangeAxis().setRange(0, Math.min(max * 1.05, linearCap));
        }
        return r;
    }

    /** A base-10 logarithmic axis with a tick per decade, labelled 0.1, 1, 10, 100 … (not 10^x). */
    private static LogAxis decades(String label, double lo, double hi) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        axis.setMinorTickMarksVisible(true);
        axis.setRange(lo, hi);
        return axis;
    }

    private static void rotate(CategoryAxis axis) {
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
    }

    /** The palette above for every series; set before a renderer looks up its first colour (it caches them). */
    private static void usePalette(JFreeChart chart) {
        chart.getPlot().setDrawingSupplier(new DefaultDrawingSupplier(PALETTE,
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    }
}
