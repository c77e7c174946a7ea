package dev.eventcrm.events.marketing;

import dev.eventcrm.events.Money;

import java.time.YearMonth;

/**
 * What was spent on one lead source (marketing channel) in one calendar month. Recording the same source and month
 * again is a new event of the same {@code spendId} that replaces the amount; the earlier ones stay in its history.
 *
 * @param source the lead source exactly as contacts and deals name it (e.g. {@code web})
 * @param period the month, serialized as {@code YYYY-MM}; its days are the installation's calendar days
 * @param amount the whole month's spend, exact (the value a decimal string), zero or more
 */
public record MarketingSpendRecorded(String spendId, String source, YearMonth period, Money amount) {
}
