package org.ticketvendor.bench;

import static org.ticketvendor.bench.ReportMarkdown.ms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The verdict: the targets that a run measured, each with what was measured and whether it was met. */
final class Targets {

    private Targets() {}

    /**
     * One row per target the measured phases (and the pgbench ratio and the invariants, when there are
     * any) speak to: {@code target}, {@code measured}, {@code met} ("yes" or "NO").
     */
    static List<Map<String, Object>> of(
            List<Load.Phase> phases, Double ratio, Map<String, Object> invariants, boolean invariantsClean) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Load.Phase p : phases) {
            Metric hold = p.metric("hold");
            Metric soldOut = p.metric("sold_out");
            Metric purchase = p.metric("purchase");
            if (hold.successes() > 0 && p.name.startsWith("sustained")) {
                boolean met = hold.throughput() >= 1000 && hold.windowSeconds() >= 59 && hold.percentileMillis(95) <= 50
                        && hold.percentileMillis(99) <= 200 && hold.status("5") == 0;
                list.add(target(
                        "≥ 1,000 holds/s for 60 s, p95 ≤ 50 ms, p99 ≤ 200 ms, no 5xx (" + p.name + ")",
                        String.format(
                                Locale.ROOT,
                                "%.0f/s over %.0f s, p95 %s, p99 %s, 5xx %d",
                                hold.throughput(),
                                hold.windowSeconds(),
                                ms(hold.percentileMillis(95)),
                                ms(hold.percentileMillis(99)),
                                hold.status("5")),
                        met));
            }
            if (hold.successes() > 0 && p.name.startsWith("sweep")) {
                boolean met = hold.throughput() >= 1000 && hold.percentileMillis(95) <= 50
                        && hold.percentileMillis(99) <= 200 && hold.status("5") == 0;
                list.add(target(
                        "≥ 1,000 holds/s, p95 ≤ 50 ms, p99 ≤ 200 ms, no 5xx (" + p.name + ", 20 s step, not 60 s)",
                        String.format(
                                Locale.ROOT,
                                "%.0f/s, p95 %s, p99 %s, 5xx %d",
                                hold.throughput(),
                                ms(hold.percentileMillis(95)),
                                ms(hold.percentileMillis(99)),
                                hold.status("5")),
                        met));
            }
            if (purchase.successes() > 0) {
                list.add(target(
                        "≥ 500 complete purchases/s (" + p.name + ")",
                        String.format(Locale.ROOT, "%.0f/s (offered %.0f/s × %.0f%% paying)", purchase.throughput(),
                                p.rate, p.payFraction * 100),
                        purchase.throughput() >= 500));
            }
            if (soldOut.count() > 1000) {
                list.add(target(
                        "sold-out answers ≥ 3,000/s with p95 ≤ 20 ms (" + p.name + ")",
                        String.format(Locale.ROOT, "%.0f/s, p95 %s (offered %.0f/s)", soldOut.throughput(),
                                ms(soldOut.percentileMillis(95)), p.rate),
                        soldOut.throughput() >= 3000 && soldOut.percentileMillis(95) <= 20));
            }
            double worstOther = 0;
            String worstName = "";
            for (Map.Entry<String, Metric> e : p.metrics.entrySet()) {
                if (e.getKey().startsWith("other:") && e.getValue().count() > 0
                        && e.getValue().percentileMillis(95) > worstOther) {
                    worstOther = e.getValue().percentileMillis(95);
                    worstName = e.getKey().substring(6);
                }
            }
            if (!worstName.isEmpty()) {
                list.add(target(
                        "every other endpoint p95 < 200 ms (" + p.name + ")",
                        "slowest " + worstName + ": p95 " + ms(worstOther),
                        worstOther < 200));
            }
        }
        if (ratio != null) {
            list.add(target("API holds/s ÷ pgbench hold tx/s ≥ 1.0", String.format(Locale.ROOT, "%.2f", ratio),
                    ratio >= 1.0));
        }
        if (!invariants.isEmpty()) {
            list.add(target("zero oversold, invariants hold", "oversold " + invariants.get("oversold"),
                    invariantsClean));
        }
        return list;
    }

    private static Map<String, Object> target(String target, String measured, boolean met) {
        return FlashSale.map("target", target, "measured", measured, "met", met ? "yes" : "NO");
    }
}
