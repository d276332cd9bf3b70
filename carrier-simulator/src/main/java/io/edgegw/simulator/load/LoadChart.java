package io.edgegw.simulator.load;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG element: labelled axes, the x axis linear from zero, the y axis linear from zero or
 * logarithmic by decades (latency spans decades: a linear axis would flatten p50 under one slow second), one polyline
 * per line and a legend. A NaN value is no data: that point is left out of its polyline.
 */
final class LoadChart {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int TICKS = 5;

    record Line(String name, String colour, double[] values) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] xs;
    private final List<Line> lines = new ArrayList<>();
    private boolean logarithmic;
    private double yLow;
    private double yHigh;

    LoadChart(String title, String xLabel, String yLabel, double[] xs) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xs = xs;
    }

    LoadChart line(String name, String colour, double[] values) {
        if (values.length != xs.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + xs.length + " x positions");
        }
        lines.add(new Line(name, colour, values));
        return this;
    }

    /** A logarithmic y axis, one tick per decade; values at or below zero sit on the bottom edge. */
    LoadChart logarithmic() {
        logarithmic = true;
        return this;
    }

    String toSvg() {
        double xMax = niceCeiling(max(xs));
        double highest = lines.stream().mapToDouble(l -> max(l.values())).max().orElse(0);
        List<Double> yTicks = new ArrayList<>();
        if (logarithmic) {
            double lowest = lines.stream().mapToDouble(l -> minPositive(l.values())).min().orElse(1);
            yLow = Math.pow(10, Math.floor(Math.log10(Double.isInfinite(lowest) ? 1 : lowest)));
            yHigh = Math.max(yLow * 10, Math.pow(10, Math.ceil(Math.log10(Math.max(highest, yLow)))));
            for (double v = yLow; v <= yHigh * 1.001; v *= 10) {
                yTicks.add(v);
            }
        } else {
            yLow = 0;
            yHigh = niceCeiling(highest);
            for (int i = 0; i <= TICKS; i++) {
                yTicks.add(yHigh * i / TICKS);
            }
        }
        StringBuilder svg = new StringBuilder()
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT))
                .append(text(WIDTH / 2.0, 20, "middle", "font-size=\"14\" font-weight=\"bold\"", title))
                .append(text(WIDTH / 2.0 + (LEFT - RIGHT) / 2.0, HEIGHT - 10, "middle", "", xLabel))
                .append(String.format(Locale.ROOT, "<text x=\"15\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 15 %.1f)\">%s</text>%n",
                        TOP + plotHeight() / 2.0, TOP + plotHeight() / 2.0, escape(yLabel)));
        for (double v : yTicks) {
            double y = y(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(text(LEFT - 6, y + 4, "end", "", number(v)));
        }
        for (int i = 0; i <= TICKS; i++) {
            double t = xMax * i / TICKS;
            svg.append(text(x(t, xMax), TOP + plotHeight() + 18, "middle", "", number(t)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotWidth(), plotHeight()));
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isNaN(line.values()[i])) {
                    points.append(points.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f",
                            x(xs[i], xMax), y(line.values()[i])));
                }
            }
            svg.append(String.format("<polyline class=\"line\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    escape(line.name()), line.colour(), points));
            int legendX = LEFT + 10 + l * 150;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    legendX, TOP - 8, legendX + 20, TOP - 8, line.colour()));
            svg.append(text(legendX + 25, TOP - 4, "start", "class=\"legend\"", line.name()));
        }
        return svg.append("</svg>\n").toString();
    }

    private int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private double x(double value, double max) {
        return LEFT + plotWidth() * value / max;
    }

    private double y(double value) {
        double share = logarithmic
                ? (Math.log10(Math.max(value, yLow)) - Math.log10(yLow)) / (Math.log10(yHigh) - Math.log10(yLow))
                : value / yHigh;
        return TOP + plotHeight() * (1 - share);
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static double minPositive(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (v > 0) {
                min = Math.min(min, v);
            }
        }
        return min;
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^n at or above {@code v}, so the tick labels are round numbers. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String text(double x, double y, String anchor, String attributes, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, anchor, attributes.isEmpty() ? "" : " " + attributes, escape(content));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
