package dev.eventcrm.query.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The segments report's counts over a {@link Segmentation}. */
final class SegmentsReport {
    static final String UNKNOWN = "unknown";

    private SegmentsReport() {
    }

    static SegmentsView of(Segmentation segmentation, Instant now, int churnAfterDays) {
        Map<Segment, Integer> segments = new EnumMap<>(Segment.class);
        Map<String, Integer> lifecycle = new LinkedHashMap<>();
        for (Lifecycle stage : Lifecycle.values()) {
            lifecycle.put(stage.id(), 0);
        }
        Map<String, BigDecimal> won = new TreeMap<>();
        Map<String, Integer> wonDeals = new TreeMap<>();
        int customers = 0;
        int active30 = 0;
        int active90 = 0;
        for (Classified contact : segmentation.contacts()) {
            lifecycle.merge(contact.lifecycle().id(), 1, Integer::sum);
            if (contact.rfm() != null) {
                customers++;
                segments.merge(contact.rfm().segment(), 1, Integer::sum);
            }
            active30 += contact.value().activities30() > 0 ? 1 : 0;
            active90 += contact.value().activities90() > 0 ? 1 : 0;
            contact.value().wonTotals().forEach((currency, sum) -> won.merge(currency, sum, BigDecimal::add));
            contact.value().wonByCurrency().forEach((currency, n) -> wonDeals.merge(currency, n, Integer::sum));
        }
        List<SegmentsView.SegmentCount> segmentCounts = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            segmentCounts.add(new SegmentsView.SegmentCount(segment.id(), segment.title(),
                    segments.getOrDefault(segment, 0)));
        }
        List<SegmentsView.Value> value = new ArrayList<>();
        won.forEach((currency, sum) -> value.add(new SegmentsView.Value(currency, wonDeals.get(currency),
                sum.toPlainString(), sum.divide(BigDecimal.valueOf(wonDeals.get(currency)), 2, RoundingMode.HALF_EVEN)
                .toPlainString())));
        List<Classified> all = segmentation.contacts();
        return new SegmentsView(now, segmentation.reportingCurrency(), churnAfterDays, all.size(), customers,
                segmentCounts, lifecycle, new SegmentsView.Engagement(active30, active90), value,
                byDimension(all, ContactRow::country), byDimension(all, ContactRow::city),
                byDimension(all, ContactRow::source));
    }

    private static Map<String, Map<String, Integer>> byDimension(List<Classified> contacts,
                                                                 Function<ContactRow, String> dimension) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Classified contact : contacts) {
            String key = dimension.apply(contact.contact());
            counts.computeIfAbsent(key == null || key.isBlank() ? UNKNOWN : key, k -> new TreeMap<>())
                    .merge(contact.lifecycle().id(), 1, Integer::sum);
        }
        return counts;
    }
}
