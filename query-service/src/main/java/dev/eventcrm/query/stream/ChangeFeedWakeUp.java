package dev.eventcrm.query.stream;

/**
 * Told by the projections, in the same JVM, that the change feed's durable head moved, so that the change-feed reader
 * reads at once instead of at its next poll. Must return quickly: it runs on the projections' commit path.
 */
public interface ChangeFeedWakeUp {

    /** Every change-feed position up to {@code durableHead} is written and will never be renumbered. */
    void headAdvanced(long durableHead);
}
