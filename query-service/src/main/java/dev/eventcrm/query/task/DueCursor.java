package dev.eventcrm.query.task;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.web.IdCursor;

import java.time.Instant;

/**
 * The opaque cursor of a task list in due order: the last task's due time (epoch milliseconds, as stored) and id,
 * inside an {@link IdCursor}. The next page starts after that pair, so a page boundary between two tasks due at the
 * same moment loses and repeats neither.
 */
record DueCursor(Instant dueAt, String id) {

    static String encode(Instant dueAt, String id) {
        return IdCursor.encode(dueAt.toEpochMilli() + ":" + id);
    }

    /** Null when absent. */
    static DueCursor decode(String cursor) {
        String text = IdCursor.decode(cursor);
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        try {
            if (colon > 0 && colon < text.length() - 1) {
                return new DueCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))),
                        text.substring(colon + 1));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("cursor", "is not a cursor returned by this endpoint");
    }
}
