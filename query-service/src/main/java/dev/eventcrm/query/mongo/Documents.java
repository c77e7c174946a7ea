package dev.eventcrm.query.mongo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** Lenient readers for read-model documents written by another module: tolerate missing fields and number widths. */
public final class Documents {

    // Always three fraction digits (Mongo dates are millisecond-precise), so clients see one fixed shape.
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private Documents() {
    }

    public static String string(Document document, String key) {
        Object value = document.get(key);
        return value == null ? null : value.toString();
    }

    public static long longValue(Document document, String key, long fallback) {
        return document.get(key) instanceof Number number ? number.longValue() : fallback;
    }

    public static int intValue(Document document, String key, int fallback) {
        return document.get(key) instanceof Number number ? number.intValue() : fallback;
    }

    public static Instant instant(Document document, String key) {
        Object value = document.get(key);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return value instanceof String text ? Instant.parse(text) : null;
    }

    /** The date as ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T20:11:25.123Z}; null when absent. */
    public static String isoDate(Document document, String key) {
        Instant instant = instant(document, key);
        return instant == null ? null : ISO_MILLIS.format(instant);
    }

    public static Document document(Document document, String key) {
        return document.get(key) instanceof Document nested ? nested : null;
    }

    public static List<Document> documents(Document document, String key) {
        if (!(document.get(key) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Document.class::isInstance).map(Document.class::cast).toList();
    }

    public static List<String> strings(Document document, String key) {
        if (!(document.get(key) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(item -> item != null).map(Object::toString).toList();
    }
}
