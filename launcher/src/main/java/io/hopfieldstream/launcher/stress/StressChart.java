package io.hopfieldstream.launcher.stress;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a stress run over time as one PNG: throughput on top (offered rate, probes acknowledged and
 * reconstructions read per second), latency below (p50 and p99 of the reconstructions read in each
 * live-line interval, in milliseconds). A producer-only run draws the acknowledgement latency so far.
 */
public final class StressChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 360;

    private StressChart() {
    }

    /** Writes the chart, creating the folder when missing. */
    public static void write(StressResult result, Path file) {
        List<StressResult.IntervalSample> samples = result.samples();
        boolean producerOnly = "producer-only".equals(result.run().mode());

        XYChart throughput = chart("Throughput of " + result.run().experimentId(), "probes or images per second");
        add(throughput, "offered", samples, StressResult.IntervalSample::offeredRate);
        add(throughput, "sent (acknowledged)", samples, StressResult.IntervalSample::sentPerSecond);
        if (!producerOnly) {
            add(throughput, "reconstructed", samples, StressResult.IntervalSample::reconstructedPerSecond);
        }

        XYChart latency;
        if (producerOnly) {
            latency = chart("Producer acknowledgement latency so far", "milliseconds");
            add(latency, "p50", samples, StressResult.IntervalSample::p50SoFar);
            add(latency, "p99", samples, StressResult.IntervalSample::p99SoFar);
        } else {
            latency = chart("End-to-end latency per interval (probe creation to read_committed read)", "milliseconds");
            add(latency, "p50", samples, StressResult.IntervalSample::p50);
            add(latency, "p99", samples, StressResult.IntervalSample::p99);
        }

        BufferedImage image = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, 2 * HEIGHT);
            graphics.drawImage(BitmapEncoder.getBufferedImage(throughput), 0, 0, null);
            graphics.drawImage(BitmapEncoder.getBufferedImage(latency), 0, HEIGHT, null);
        } finally {
            graphics.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the stress plot to " + file, e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("seconds since start")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static void add(XYChart chart, String name, List<StressResult.IntervalSample> samples,
            ToDoubleFunction<StressResult.IntervalSample> value) {
        double[] x = new double[Math.max(1, samples.size())];
        double[] y = new double[x.length];
        for (int i = 0; i < samples.size(); i++) {
            x[i] = samples.get(i).time();
            y[i] = value.applyAsDouble(samples.get(i));
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }
}
