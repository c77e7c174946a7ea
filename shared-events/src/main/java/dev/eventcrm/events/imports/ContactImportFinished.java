package dev.eventcrm.events.imports;

/**
 * An import ended: {@code DONE} when every row was read, {@code FAILED} when it stopped early (its rows so far stay
 * created).
 *
 * @param failure why it failed; null when done
 */
public record ContactImportFinished(String importId, String state, long rows, long accepted, long duplicates,
                                    long rejected, String failure) {

    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
}
