package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.projections.bucket.Contributions;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The managers report's per-day buckets ({@code bucket:kpi:2026-11-24}, days of the installation's zone): what a
 * document adds to each day, per manager. A day holds many managers, so every field is a sum per key, the key being
 * the manager's id ({@link #key}), the value a decimal string (counts too):
 * <ul>
 *   <li>a call: {@code calls}, {@code outbound}, {@code connected}, {@code talkSeconds} for its actor on its day
 *       (its own time, so a call logged late counts on its day); a meeting, an e-mail: {@code meetings},
 *       {@code emails}; a completed task: {@code tasksCompleted} for its assignee then;</li>
 *   <li>a deal: {@code dealsOpened} for its opener on the opening day; {@code dealsWon} (with its current amount in
 *       {@code revenueWon:<currency>} and {@code wonWithAmount:<currency>}, the average's denominator) or
 *       {@code dealsLost} for its owner then, on the day of its current win or loss. A withdrawn outcome's day keeps
 *       an empty share, so a deal's days only grow;</li>
 *   <li>a responses document: for each deal it has seen opened and answered, {@code responseMillis} (the time to its
 *       first response) and {@code responses} (1) for its opener on the opening day. A deal once answered stays
 *       answered, so these days only grow too.</li>
 * </ul>
 */
public final class DailyKpis implements Contributions<ManagerKpiFacts> {
    public static final String ID_PREFIX = "bucket:kpi:";

    private final ZoneId zone;

    public DailyKpis(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * A manager's id as a field name: '%', '.' and '$' percent-encoded, as field names may hold neither '.' nor a
     * leading '$' (and '%' so that the encoding can be undone).
     */
    public static String key(String managerId) {
        StringBuilder key = new StringBuilder(managerId.length());
        for (char c : managerId.toCharArray()) {
            switch (c) {
                case '%' -> key.append("%25");
                case '.' -> key.append("%2E");
                case '$' -> key.append("%24");
                default -> key.append(c);
            }
        }
        return key.toString();
    }

    @Override
    public Map<String, Document> of(ManagerKpiFacts state) {
        Map<String, Document> days = new TreeMap<>();
        if (Responses.isResponses(state.id())) {
            Responses responses = state.responses();
            for (Responses.Opening opening : responses.openings()) {
                Duration first = responses.firstResponse(opening);
                if (first != null && opening.openerId() != null) {
                    Document day = day(days, opening.at());
                    add(day, "responseMillis", opening.openerId(), BigDecimal.valueOf(first.toMillis()));
                    add(day, "responses", opening.openerId(), BigDecimal.ONE);
                }
            }
            return days;
        }
        state.withdrawn().forEach(fact -> day(days, fact.at()));
        for (KpiFact fact : state.facts()) {
            if (fact.managerId() == null) {
                continue;
            }
            Document day = day(days, fact.at());
            String manager = fact.managerId();
            switch (fact.type()) {
                case CALL -> {
                    add(day, "calls", manager, BigDecimal.ONE);
                    add(day, "outbound", manager, fact.outbound() ? BigDecimal.ONE : BigDecimal.ZERO);
                    add(day, "connected", manager, fact.connected() ? BigDecimal.ONE : BigDecimal.ZERO);
                    add(day, "talkSeconds", manager, BigDecimal.valueOf(fact.seconds()));
                }
                case MEETING -> add(day, "meetings", manager, BigDecimal.ONE);
                case EMAIL -> add(day, "emails", manager, BigDecimal.ONE);
                case TASK_COMPLETED -> add(day, "tasksCompleted", manager, BigDecimal.ONE);
                case DEAL_OPENED -> add(day, "dealsOpened", manager, BigDecimal.ONE);
                case DEAL_LOST -> add(day, "dealsLost", manager, BigDecimal.ONE);
                case DEAL_WON -> {
                    add(day, "dealsWon", manager, BigDecimal.ONE);
                    if (state.amountValue() != null && state.amountCurrency() != null) {
                        add(day, "revenueWon:" + key(state.amountCurrency()), manager,
                                new BigDecimal(state.amountValue()));
                        add(day, "wonWithAmount:" + key(state.amountCurrency()), manager, BigDecimal.ONE);
                    }
                }
            }
        }
        return days;
    }

    private Document day(Map<String, Document> days, Instant at) {
        return days.computeIfAbsent(ID_PREFIX + LocalDate.ofInstant(at, zone), id -> new Document());
    }

    /** Adds {@code value} to the manager's sum; a zero only makes sure the day has a share of the document. */
    private static void add(Document day, String field, String managerId, BigDecimal value) {
        if (value.signum() == 0) {
            return;
        }
        Document perManager = (Document) day.computeIfAbsent(field, name -> new Document());
        perManager.merge(key(managerId), value.toPlainString(),
                (sum, more) -> new BigDecimal((String) sum).add(new BigDecimal((String) more)).toPlainString());
    }
}
