package dev.eventcrm.query.segment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/reports/segments}: counts of listed contacts per RFM segment (customers only), lifecycle stage,
 * engagement and dimension, and the customers' value per currency. Amounts are decimal strings.
 *
 * @param reportingCurrency the currency RFM's monetary score is computed in; null when nothing was won
 * @param countries         per country (or {@code unknown}), the contacts per lifecycle stage; the same for cities
 *                          and sources
 */
record SegmentsView(Instant asOf, String reportingCurrency, int churnAfterDays, int contacts, int customers,
                    List<SegmentCount> segments, Map<String, Integer> lifecycle, Engagement engagement,
                    List<Value> value, Map<String, Map<String, Integer>> countries,
                    Map<String, Map<String, Integer>> cities, Map<String, Map<String, Integer>> sources) {

    /** The same counts as of {@code now}: a segmentation answers for every "now" until it would change. */
    SegmentsView at(Instant now) {
        return new SegmentsView(now, reportingCurrency, churnAfterDays, contacts, customers, segments, lifecycle,
                engagement, value, countries, cities, sources);
    }

    record SegmentCount(String segment, String name, int contacts) {
    }

    /** How many contacts had at least one activity in the last 30 and in the last 90 days. */
    record Engagement(int last30Days, int last90Days) {
    }

    /** Per currency: won deals with an amount in it, their total, the average order (2 decimals, half-even). */
    record Value(String currency, int wonDeals, String won, String avgOrder) {
    }
}
