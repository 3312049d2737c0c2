package dev.densebench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
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
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.15f);
        plot.setRenderer(r); // first, so that the series colours come from the plot's palette
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesFillPaint(i, r.lookupSeriesPaint(i));
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
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
        JFreeChart chart = ChartFactory.createBarChart(title, null, "test accuracy (%), mean ± sd", data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(Math.max(0, Math.floor(lo - 1)), 100);
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
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(r);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Horizontal bars with symmetric error bars (JMH's 99.9 % confidence interval). */
    static void barsWithErrors(Path png, String title, String axis, Map<String, double[]> scoreAndError) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<String, double[]> e : scoreAndError.entrySet()) {
            data.add(e.getValue()[0], e.getValue()[1], "score", e.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(r);
        style(chart);
        int height = Math.max(HEIGHT, 60 + 22 * scoreAndError.size());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, height);
    }

    /** Grouped bars: one group per category (e.g. GEMM shape), one bar per series (kernel, threads, reference). */
    static void groupedBars(Path png, String title, String axis, Map<String, Map<String, Double>> seriesToCategory) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Map<String, Double>> s : seriesToCategory.entrySet()) {
            for (Map.Entry<String, Double> c : s.getValue().entrySet()) data.addValue(c.getValue(), s.getKey(), c.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
        rotate(chart.getCategoryPlot().getDomainAxis());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void rotate(CategoryAxis axis) {
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
    }
}
