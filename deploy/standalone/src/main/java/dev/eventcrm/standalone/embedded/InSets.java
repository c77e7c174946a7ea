package dev.eventcrm.standalone.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Filters with a large {@code {field: {$in: [strings]}}} (at the top or under {@code $and} / {@code $or}) matched as
 * MongoDB answers them, by set membership: mongo-java-server compares a candidate's value with each listed value in
 * turn, so a report asking for the activities about n deals matched every document of the collection against all n
 * (JFR: 618 of 4,365 samples of a report run in that comparison). A plain field (no dot, no operator) whose value is
 * one of the strings, or an array holding one, matches, as in MongoDB; every other part of the filter is left to
 * mongo-java-server's matcher, one top-level condition at a time (a filter is the conjunction of its conditions).
 */
final class InSets {
    /** Shorter lists gain nothing from hashing. */
    static final int MIN_VALUES = 8;

    private InSets() {
    }

    /**
     * @param matcher mongo-java-server's matcher of one filter
     * @return the filter's matcher, hashing its large string {@code $in}s; {@code matcher} itself if it has none
     */
    static Predicate<Document> compile(Document filter, Function<Document, Predicate<Document>> matcher) {
        if (!hasLargeIn(filter)) {
            return matcher.apply(filter);
        }
        List<Predicate<Document>> conditions = new ArrayList<>();
        filter.forEach((key, condition) -> conditions.add(condition(key, condition, matcher)));
        return document -> conditions.stream().allMatch(condition -> condition.test(document));
    }

    private static Predicate<Document> condition(String key, Object condition,
                                                 Function<Document, Predicate<Document>> matcher) {
        List<Document> clauses = clauses(key, condition);
        if (clauses != null && hasLargeIn(condition)) {
            List<Predicate<Document>> compiled = clauses.stream().map(clause -> compile(clause, matcher)).toList();
            return "$and".equals(key) ? document -> compiled.stream().allMatch(clause -> clause.test(document))
                    : document -> compiled.stream().anyMatch(clause -> clause.test(document));
        }
        if (isLargeIn(key, condition)) {
            Set<String> values = new HashSet<>();
            ((Collection<?>) ((Document) condition).get("$in")).forEach(value -> values.add((String) value));
            return document -> matches(document.get(key), values);
        }
        return matcher.apply(new Document(key, condition));
    }

    private static boolean matches(Object value, Set<String> values) {
        if (value instanceof String string) {
            return values.contains(string);
        }
        return value instanceof Collection<?> elements && elements.stream().anyMatch(values::contains);
    }

    private static boolean hasLargeIn(Object filter) {
        if (filter instanceof Document document) {
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (isLargeIn(entry.getKey(), entry.getValue()) || hasLargeIn(entry.getValue())) {
                    return true;
                }
            }
        }
        return filter instanceof Collection<?> clauses && clauses.stream().anyMatch(InSets::hasLargeIn);
    }

    /** The clauses of {@code $and} / {@code $or}, if they are documents; else null. */
    private static List<Document> clauses(String key, Object condition) {
        if (("$and".equals(key) || "$or".equals(key)) && condition instanceof Collection<?> clauses
                && !clauses.isEmpty() && clauses.stream().allMatch(Document.class::isInstance)) {
            return clauses.stream().map(Document.class::cast).toList();
        }
        return null;
    }

    /** Whether {@code condition} is {@code {$in: [at least MIN_VALUES strings]}} on a plain field. */
    private static boolean isLargeIn(String key, Object condition) {
        return !key.startsWith("$") && !key.contains(".") && condition instanceof Document operator
                && operator.size() == 1 && operator.get("$in") instanceof Collection<?> values
                && values.size() >= MIN_VALUES && values.stream().allMatch(String.class::isInstance);
    }
}
