package dev.eventcrm.query.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SortedMap;

/**
 * One contact's value and engagement, its merged-away contacts' facts included.
 *
 * @param wonTotals    the won deals' amounts per currency, exact (currencies are never added up)
 * @param wonByCurrency how many won deals have an amount in each currency (for the average order)
 * @param activities30 activities whose business time is in the 30 days up to now
 */
record CustomerValue(int wonDeals, SortedMap<String, BigDecimal> wonTotals, SortedMap<String, Integer> wonByCurrency,
                     Instant firstWonAt, Instant lastWonAt, int openDeals, int activities30, int activities90) {
}
