package io.recq.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a benchmark run, each measured once per run for every side, and the table printed from
 * them: the median of the runs with the minimum and maximum, and the ratios RECQ / baseline and RECQ / Axon
 * of the medians.
 */
final class Report {

    /** A side a figure is measured for. */
    static final String RECQ = "recq";
    /** The hand-written side. */
    static final String BASELINE = "baseline";
    /** The Axon Framework side. */
    static final String AXON = "axon";
    /** Every side, in the order of the table's columns. */
    static final List<String> SIDES = List.of(RECQ, BASELINE, AXON);

    /**
     * One row of the table.
     *
     * @param key how the figure is recorded
     * @param label what the row says
     * @param decimals decimals shown
     * @param bar the bar the figure is held to, or empty
     */
    record Figure(String key, String label, int decimals, String bar) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> unavailable = new LinkedHashMap<>();

    Report figure(String key, String label, int decimals, String bar) {
        figures.add(new Figure(key, label, decimals, bar));
        return this;
    }

    void add(String key, String side, double value) {
        values.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(side, s -> new ArrayList<>())
                .add(value);
    }

    void unavailable(String key, String side, String why) {
        unavailable.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(side, why);
    }

    /**
     * @param key a figure
     * @param side a side
     * @return its values, one per run
     */
    List<Double> values(String key, String side) {
        return values.getOrDefault(key, Map.of()).getOrDefault(side, List.of());
    }

    /**
     * @param key a figure
     * @param side a side
     * @return the median of its runs, or {@code NaN}
     */
    double median(String key, String side) {
        List<Double> sorted = new ArrayList<>(values(key, side));
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * @return the table in Markdown
     */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | RECQ: median [min – max] | baseline: median [min – max] | Axon: median [min – max] "
                + "| RECQ / baseline | RECQ / Axon | bar |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Figure figure : figures) {
            out.append("| ").append(figure.label()).append(" | ")
                    .append(cell(figure, RECQ)).append(" | ")
                    .append(cell(figure, BASELINE)).append(" | ")
                    .append(cell(figure, AXON)).append(" | ")
                    .append(format(ratio(figure.key(), BASELINE), 2)).append(" | ")
                    .append(format(ratio(figure.key(), AXON), 2)).append(" | ")
                    .append(figure.bar()).append(" |\n");
        }
        return out.toString();
    }

    private String cell(Figure figure, String side) {
        String why = unavailable.getOrDefault(figure.key(), Map.of()).get(side);
        List<Double> runs = values(figure.key(), side);
        if (runs.isEmpty()) {
            return why == null ? "–" : "n/a (" + why + ")";
        }
        double min = Collections.min(runs);
        double max = Collections.max(runs);
        return format(median(figure.key(), side), figure.decimals()) + " [" + format(min, figure.decimals()) + " – "
                + format(max, figure.decimals()) + "]";
    }

    /**
     * @param key a figure
     * @param other the side RECQ is compared with
     * @return the median of RECQ's runs divided by the other side's, or {@code NaN}
     */
    double ratio(String key, String other) {
        double recq = median(key, RECQ);
        double divisor = median(key, other);
        if (Double.isNaN(recq) || Double.isNaN(divisor) || divisor == 0) {
            return Double.NaN;
        }
        return recq / divisor;
    }

    static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /**
     * @return every recorded value, per figure and side, and the ratios of the medians, as JSON
     */
    String json() {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Map<String, List<Double>>> figure : values.entrySet()) {
            out.append(first ? "" : ",").append("\n  \"").append(figure.getKey()).append("\": {");
            first = false;
            boolean firstSide = true;
            for (Map.Entry<String, List<Double>> side : figure.getValue().entrySet()) {
                out.append(firstSide ? "" : ", ").append('"').append(side.getKey()).append("\": ")
                        .append(side.getValue());
                firstSide = false;
            }
            for (String other : List.of(BASELINE, AXON)) {
                double ratio = ratio(figure.getKey(), other);
                if (!Double.isNaN(ratio)) {
                    out.append(firstSide ? "" : ", ").append("\"recq/").append(other).append("\": ")
                            .append(String.format(Locale.ROOT, "%.4f", ratio));
                    firstSide = false;
                }
            }
            out.append('}');
        }
        return out.append("\n}\n").toString();
    }
}
