package dev.eventcrm.query.mongo;

import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the keys of a report bucket's sums, written by the projections' {@code ShareKeys}: values joined by
 * {@code |}, each {@code ~} for null or {@code =} and the value with {@code %}, {@code .}, {@code $}, {@code |} and
 * {@code ~} percent-escaped (so keys are valid MongoDB field names).
 */
public final class ShareKey {
    private ShareKey() {
    }

    /** A bucket's sums of {@code field} in its {@code totals}, per key in stored order; empty without any. */
    public static Map<String, BigDecimal> sums(Document totals, String field) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        Document perKey = totals.get(field, Document.class);
        if (perKey != null) {
            perKey.forEach((key, sum) -> sums.put(key, new BigDecimal((String) sum)));
        }
        return sums;
    }

    /** The values of a key, in order; null for a null one. */
    public static List<String> values(String key) {
        List<String> values = new ArrayList<>();
        for (String part : key.split("\\|", -1)) {
            values.add(part.equals("~") ? null : unescape(part.substring(1)));
        }
        return values;
    }

    private static String unescape(String escaped) {
        StringBuilder value = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                value.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}
