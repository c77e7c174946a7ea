package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.projections.bucket.Contributions;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dynamics report's per-day buckets ({@code bucket:day:2026-11-24}): what a deal adds to each day of the
 * installation's zone, by the report's definitions: {@code opened} on its opening day; {@code won} with its current
 * amount as {@code revenue} (per currency), or {@code lost}, on the day of its current win or loss; {@code moves} for
 * each stage move on its day. A deal's days only grow (it opens first, moves are appended).
 */
public final class DailyDynamics implements Contributions<DealFacts> {
    public static final String ID_PREFIX = "bucket:day:";

    private final ZoneId zone;

    public DailyDynamics(ZoneId zone) {
        this.zone = zone;
    }

    private static String bucketId(LocalDate day) {
        return ID_PREFIX + day;
    }

    @Override
    public Map<String, Document> of(DealFacts deal) {
        Map<String, Document> days = new TreeMap<>();
        count(days, deal.openedAt(), "opened");
        count(days, deal.lostAt(), "lost");
        if (deal.wonAt() != null) {
            Document won = count(days, deal.wonAt(), "won");
            if (deal.amountValue() != null && deal.amountCurrency() != null) {
                won.append("revenue", new Document(deal.amountCurrency(), deal.amountValue()));
            }
        }
        deal.moves().forEach(move -> count(days, move, "moves"));
        return days;
    }

    private Document count(Map<String, Document> days, Instant at, String counter) {
        if (at == null) {
            return null;
        }
        Document day = days.computeIfAbsent(bucketId(at.atZone(zone).toLocalDate()), id -> new Document());
        day.put(counter, day.get(counter, 0L) + 1);
        return day;
    }
}
