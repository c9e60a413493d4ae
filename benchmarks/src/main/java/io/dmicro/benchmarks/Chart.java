package io.dmicro.benchmarks;

import io.dmicro.benchmarks.Results.Cell;
import io.dmicro.benchmarks.Results.Metric;
import io.dmicro.benchmarks.Results.SystemInfo;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG: throughput (top) and p99 latency (bottom) per workload, one bar per system, log scales. */
final class Chart {
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private Chart() {
  }

  static void write(Results r, Path file) throws IOException {
    DefaultCategoryDataset tput = new DefaultCategoryDataset();
    DefaultCategoryDataset p99 = new DefaultCategoryDataset();
    for (Cell c : r.cells) {
      if (c.workload().equals("idle")) {
        continue; // a heap figure, not a throughput: it is in the table only
      }
      String col = c.chartLabel() + " (" + c.unit() + ")";
      for (SystemInfo s : r.systems) {
        double t = r.median(c, s.name(), Metric.THROUGHPUT);
        double l = r.median(c, s.name(), Metric.P99);
        tput.addValue(Double.isNaN(t) || t <= 0 ? null : t, s.name(), col);
        p99.addValue(Double.isNaN(l) || l <= 0 ? null : l, s.name(), col);
      }
    }
    CategoryAxis domain = new CategoryAxis("workload (payload, callers c, connections x)");
    domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    domain.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(domain);
    plot.setGap(14);
    CategoryPlot top = subplot(tput, "throughput (log scale; unit per workload)", r);
    plot.add(top, 3);
    plot.add(subplot(p99, "p99 latency, microseconds (log scale)", r), 2);
    plot.setFixedLegendItems(top.getLegendItems()); // one legend, not one per subplot
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle("DMicro benchmarks: throughput and p99 per workload (higher bars are better"
        + " on top, lower are better below)", new Font(Font.SANS_SERIF, Font.BOLD, 15)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 950);
  }

  private static CategoryPlot subplot(DefaultCategoryDataset data, String label, Results r) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setSmallestValue(1);
    axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setBase(1); // bars start at 1 on a log axis
    renderer.setItemMargin(0.05);
    for (int i = 0; i < r.systems.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    CategoryPlot p = new CategoryPlot(data, null, axis, renderer);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    p.setRangeGridlineStroke(new BasicStroke(0.6f));
    return p;
  }
}
