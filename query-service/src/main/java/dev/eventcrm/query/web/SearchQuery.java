package dev.eventcrm.query.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.api.search.SearchText;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code q} of a list, over the {@code search} terms a projection stores (folded name words, lower-case
 * e-mails, phones in E.164 and as digits): shared by contacts and companies so that both find alike.
 */
@Component
public class SearchQuery {

    private static final String SEARCH = "search";

    /** Characters a number is typed with besides its digits. */
    private static final Pattern PHONE_LIKE = Pattern.compile("[+\\d\\s().-]+");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[.^$*+?()\\[\\]{}|\\\\]");
    private static final int MAX_QUERY = 200;

    private final PhoneNumbers phoneNumbers;

    public SearchQuery(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    /**
     * The conditions for {@code q} (null: none): a whole phone number in any format by its E.164 form, a partial
     * one by its leading digits (with or without the country code), an e-mail by its prefix, otherwise every word
     * of {@code q} as the prefix of a name word (case and accents ignored). A 400 naming {@code q} when too long
     * or without a letter or digit.
     */
    public List<Bson> conditions(String q) {
        if (q == null) {
            return List.of();
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        if (PHONE_LIKE.matcher(q).matches()) {
            Optional<String> e164 = phoneNumbers.e164(q);
            if (e164.isPresent()) {
                return List.of(Filters.eq(SEARCH, e164.get()));
            }
            String digits = NON_DIGITS.matcher(q).replaceAll("");
            if (!digits.isEmpty()) {
                return List.of(startsWith(digits));
            }
        }
        if (q.contains("@")) {
            return List.of(startsWith(q.strip().toLowerCase(Locale.ROOT)));
        }
        List<String> words = SearchText.words(q);
        if (words.isEmpty()) {
            throw ApiException.invalid("q", "must contain a letter or a digit");
        }
        return words.stream().map(SearchQuery::startsWith).toList();
    }

    /** An anchored, literal prefix: MongoDB answers it from the index on the terms. */
    private static Bson startsWith(String prefix) {
        return Filters.regex(SEARCH, "^" + REGEX_SPECIAL.matcher(prefix).replaceAll("\\\\$0"));
    }
}
