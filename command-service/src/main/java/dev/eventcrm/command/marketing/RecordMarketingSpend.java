package dev.eventcrm.command.marketing;

import dev.eventcrm.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;

/**
 * The spend on {@code source} in the month {@code period}: the first record of that source and month creates its
 * {@link MarketingSpend}, a later one replaces the amount.
 */
public record RecordMarketingSpend(@TargetAggregateIdentifier String spendId, String source, YearMonth period,
                                   Money amount) {

    public static RecordMarketingSpend of(String source, YearMonth period, Money amount) {
        return new RecordMarketingSpend(idOf(source, period), source, period, amount);
    }

    /**
     * The one id of a source's month (a name-based UUID), so that recording it again reaches the same aggregate on
     * any instance, with no look-up.
     */
    public static String idOf(String source, YearMonth period) {
        return UUID.nameUUIDFromBytes(("marketing-spend\n" + source + "\n" + period)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What the handler answers: whether this record created the source's month, and the version after it. */
    public record Result(boolean created, long version) {
    }
}
