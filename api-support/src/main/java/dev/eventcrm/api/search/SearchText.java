package dev.eventcrm.api.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way text is folded for search, by the projections that store search terms and by the queries that look
 * them up: lower case, accents and other combining marks removed ("Ёлкина" -> "елкина", "José" ->
 * "jose"), split into words at anything that is not a letter or a digit.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {
    }

    public static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    /** The folded words of a text, in order; none for null or blank text. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(fold(text))).filter(word -> !word.isEmpty()).toList();
    }
}
