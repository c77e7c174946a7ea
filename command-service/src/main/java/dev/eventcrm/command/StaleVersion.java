package dev.eventcrm.command;

import org.axonframework.modelling.command.AggregateLifecycle;

/** The client's If-Match version is not the aggregate's current version. */
public class StaleVersion extends RuntimeException {
    private final long currentVersion;

    public StaleVersion(String aggregateId, long expected, long current) {
        super("Version " + expected + " of " + aggregateId + " is stale; the current version is " + current);
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /**
     * Refuses a command whose If-Match version is not the current version of the aggregate handling it; no
     * If-Match ({@code null}) always passes. Call from a command handler.
     */
    public static void require(String aggregateId, Long expectedVersion) {
        long current = AggregateLifecycle.getVersion();
        if (expectedVersion != null && expectedVersion != current) {
            throw new StaleVersion(aggregateId, expectedVersion, current);
        }
    }
}
