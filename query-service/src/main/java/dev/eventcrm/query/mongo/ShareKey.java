package dev.eventcrm.query.mongo;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the keys of a report bucket's sums, written by the projections' {@code ShareKeys}: values joined by
 * {@code |}, each {@code ~} for null or {@code =} and the value with {@code %}, {@code .}, {@code $}, {@code |} and
 * {@code ~} percent-escaped (so keys are valid MongoDB field names).
 */
public final class ShareKey {
    private ShareKey() {
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
