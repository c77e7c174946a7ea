package dev.eventcrm.query.timeline;

import java.time.Instant;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.web.IdCursor;

/**
 * The position after a page of a timeline: the last entry's business time and key. Entries are ordered by
 * {@code (occurredAt, _id)} descending and the next page starts strictly below that pair, so a page never repeats
 * or skips an entry whatever is added meanwhile: a newer entry appears on a fresh first page, an older one logged
 * late (a call entered afterwards) on the page where its time puts it.
 */
record TimelineCursor(Instant occurredAt, String id) {

    String encode() {
        return IdCursor.encode(occurredAt.toEpochMilli() + "|" + id);
    }

    /** Null when absent. */
    static TimelineCursor decode(String cursor) {
        String text = IdCursor.decode(cursor);
        if (text == null) {
            return null;
        }
        int bar = text.indexOf('|');
        try {
            if (bar > 0 && bar < text.length() - 1) {
                return new TimelineCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar))),
                        text.substring(bar + 1));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("cursor", "is not a cursor returned by this endpoint");
    }
}
