package dev.eventcrm.projections.changes;

/**
 * Told, in the same JVM, each time the change feed's durable head moves, so that an SSE reader can wake up at once
 * instead of polling. Beans of this type are called on the projection runner's thread: return quickly.
 */
@FunctionalInterface
public interface DurableHeadListener {
    void headAdvanced(long durableHead);
}
