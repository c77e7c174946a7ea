package dev.eventcrm.command;

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
}
