package dev.eventcrm.events.imports;

/**
 * How far an import has got, at most about once a second: rows read so far (empty lines not counted) and what
 * became of them.
 */
public record ContactImportProgressed(String importId, long rows, long accepted, long duplicates, long rejected) {
}
