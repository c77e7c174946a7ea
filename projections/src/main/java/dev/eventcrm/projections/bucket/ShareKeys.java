package dev.eventcrm.projections.bucket;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Keys of a share's sums made of arbitrary values (owner ids, stage ids, sources, currencies, null among them), safe
 * as MongoDB field names: each value is written as {@code ~} for null, else {@code =} followed by the value with
 * {@code %}, {@code .}, {@code $}, {@code |} and {@code ~} percent-escaped; the values are joined by {@code |}. So a
 * key is never empty, never starts with {@code $}, has no {@code .}, and splits back into exactly its values.
 * query-service decodes them (its {@code ShareKey}); the two must stay in step.
 */
public final class ShareKeys {
    private static final String NULL = "~";
    private static final String VALUE = "=";
    static final String SEPARATOR = "|";

    private ShareKeys() {
    }

    public static String of(String... values) {
        return Arrays.stream(values).map(ShareKeys::encode).collect(Collectors.joining(SEPARATOR));
    }

    private static String encode(String value) {
        if (value == null) {
            return NULL;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 1).append(VALUE);
        for (char c : value.toCharArray()) {
            if (c == '%' || c == '.' || c == '$' || c == '|' || c == '~') {
                encoded.append('%').append(String.format("%02X", (int) c));
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }
}
