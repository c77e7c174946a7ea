package dev.eventcrm.projections.fold;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** Conversions between fold values and stored BSON values. */
public final class Bson {
    private Bson() {
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** The call counters as stored on a deal or a contact. */
    public static Document encodeCalls(Document into, CallTally calls) {
        return into.append("callCount", calls.count())
                .append("lastCallOutcome", calls.lastOutcome())
                .append("lastCallAt", date(calls.lastAt()))
                .append("lastCallId", calls.lastCallId());
    }

    public static CallTally decodeCalls(Document document) {
        Number count = document.get("callCount", Number.class);
        return new CallTally(count == null ? 0 : count.intValue(), document.getString("lastCallOutcome"),
                instant(document, "lastCallAt"), document.getString("lastCallId"));
    }
}
