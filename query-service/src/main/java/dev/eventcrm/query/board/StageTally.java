package dev.eventcrm.query.board;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.string;

/** The deals of one stage counted and summed per currency, exactly (BigDecimal over the stored decimal strings). */
final class StageTally {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private long count;
    private final SortedMap<String, BigDecimal> amounts = new TreeMap<>();

    /** Counts a {@code deals} document; one without an amount counts but adds to no total. */
    void add(Document deal) {
        count++;
        Document amount = document(deal, "amount");
        String value = amount == null ? null : string(amount, "value");
        String currency = amount == null ? null : string(amount, "currency");
        if (value != null && currency != null) {
            amounts.merge(currency, new BigDecimal(value), BigDecimal::add);
        }
    }

    long count() {
        return count;
    }

    List<BoardView.Total> totals(int probability) {
        return amounts.entrySet().stream().map(sum -> new BoardView.Total(sum.getKey(), sum.getValue().toPlainString(),
                sum.getValue().multiply(BigDecimal.valueOf(probability))
                        .divide(HUNDRED, sum.getValue().scale(), RoundingMode.HALF_UP).toPlainString()))
                .toList();
    }
}
