package dev.eventcrm.query.invoice;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.web.IdCursor;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The opaque cursor of an invoice list in due order: the last invoice's due date and id, inside an
 * {@link IdCursor}. The next page starts after that pair, so a page boundary between invoices due on the same day
 * loses and repeats neither.
 */
record DueDateCursor(String dueDate, String id) {

    static String encode(String dueDate, String id) {
        return IdCursor.encode(dueDate + ":" + id);
    }

    /** Null when absent. */
    static DueDateCursor decode(String cursor) {
        String text = IdCursor.decode(cursor);
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        try {
            if (colon > 0 && colon < text.length() - 1) {
                String dueDate = LocalDate.parse(text.substring(0, colon)).toString();
                return new DueDateCursor(dueDate, text.substring(colon + 1));
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw ApiException.invalid("cursor", "is not a cursor returned by this endpoint");
    }
}
