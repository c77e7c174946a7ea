package dev.eventcrm.projections.managerkpi;

import dev.eventcrm.projections.bucket.Contributions;
import dev.eventcrm.projections.bucket.ShareKeys;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The managers report's buckets: per day ({@code bucket:kpi:day:<YYYY-MM-DD>}) and per month
 * ({@code bucket:kpi:month:<YYYY-MM>}) of the installation's zone, each fact's count for its manager, in the day and
 * month of its instant. Every field is a sum per manager ({@link ShareKeys} of the manager id; counts are decimal
 * strings too): {@code calls}, {@code outbound}, {@code connected}, {@code talkSeconds}, {@code meetings},
 * {@code emails}, {@code tasksCompleted}, {@code dealsOpened}, {@code dealsWon}, {@code dealsLost}; per manager and
 * currency {@code revenueWon} (a won deal's current amount) and {@code wonWithAmount}.
 * <p>
 * First responses count in the day and month of the deal's opening, for its opener: a deal is answered by the first
 * call, meeting or e-mail about it or its contact at or after its opening (by anyone). A contact's responses document
 * adds each of its deals' answer by the contact's own activities ({@code responseMillis}, {@code responses}). An
 * activity about the deal but another contact (or a deal without a contact) is only in the deal's document: that
 * document adds the time to the first of those as a row of {@code foreignAnswers}, keyed by deal, contact, opener and
 * opening instant (epoch milliseconds), which the report reconciles with the contact's activities when it reads it.
 * Such rows exist only for deals with activities logged against another contact.
 * <p>
 * Open tasks by due date, for "overdue now": {@code bucket:kpi:due} counts each assignee's open tasks per due day
 * ({@code openDue}, keyed by assignee and day), and {@code bucket:kpi:due:<YYYY-MM-DD>} per due instant that day
 * ({@code openDueAt}, keyed by assignee and epoch milliseconds): the report adds up the days before today from the
 * first and today's instants before now from the second.
 */
public final class KpiBuckets implements Contributions<ManagerKpiFacts> {
    public static final String DAY_PREFIX = "bucket:kpi:day:";
    public static final String MONTH_PREFIX = "bucket:kpi:month:";
    public static final String DUE = "bucket:kpi:due";
    private static final BigDecimal ONE = BigDecimal.ONE;

    private final ZoneId zone;

    public KpiBuckets(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Map<String, Document> of(ManagerKpiFacts state) {
        Map<String, Document> shares = new TreeMap<>();
        for (KpiFact fact : state.facts()) {
            if (fact.managerId() != null) {
                facts(shares, fact, state);
            }
        }
        if (state.dueAt() != null && !state.closed() && state.managerId() != null) {
            LocalDate day = LocalDate.ofInstant(state.dueAt(), zone);
            shares.put(DUE, new Document("openDue", new Document(ShareKeys.of(state.managerId(), day.toString()),
                    "1")));
            shares.put(DUE + ":" + day, new Document("openDueAt", new Document(ShareKeys.of(state.managerId(),
                    Long.toString(state.dueAt().toEpochMilli())), "1")));
        }
        if (state.id().startsWith(ManagerKpiFold.RESPONSES)) {
            for (ManagerKpiFacts.Opening opening : state.openings()) {
                Instant first = firstAt(state.touches(), opening.at(), touch -> true);
                if (opening.managerId() != null && first != null) {
                    answered(shares, opening.at(), opening.managerId(), first);
                }
            }
        } else {
            deal(shares, state);
        }
        return shares;
    }

    private void facts(Map<String, Document> shares, KpiFact fact, ManagerKpiFacts document) {
        String manager = ShareKeys.of(fact.managerId());
        Instant at = fact.at();
        switch (fact.type()) {
            case CALL -> {
                add(shares, at, "calls", manager, ONE);
                if (fact.outbound()) {
                    add(shares, at, "outbound", manager, ONE);
                }
                if (fact.connected()) {
                    add(shares, at, "connected", manager, ONE);
                }
                add(shares, at, "talkSeconds", manager, BigDecimal.valueOf(fact.seconds()));
            }
            case MEETING -> add(shares, at, "meetings", manager, ONE);
            case EMAIL -> add(shares, at, "emails", manager, ONE);
            case TASK_COMPLETED -> add(shares, at, "tasksCompleted", manager, ONE);
            case DEAL_OPENED -> add(shares, at, "dealsOpened", manager, ONE);
            case DEAL_LOST -> add(shares, at, "dealsLost", manager, ONE);
            case DEAL_WON -> {
                add(shares, at, "dealsWon", manager, ONE);
                if (document.amountValue() != null && document.amountCurrency() != null) {
                    String key = ShareKeys.of(fact.managerId(), document.amountCurrency());
                    add(shares, at, "revenueWon", key, new BigDecimal(document.amountValue()));
                    add(shares, at, "wonWithAmount", key, ONE);
                }
            }
        }
    }

    /** A deal's first response by activities its contact's responses document does not have. */
    private void deal(Map<String, Document> shares, ManagerKpiFacts deal) {
        KpiFact opening = deal.facts().stream().filter(fact -> fact.type() == KpiFactType.DEAL_OPENED).findFirst()
                .orElse(null);
        if (opening == null || opening.managerId() == null) {
            return;
        }
        if (deal.contactId() == null) {
            Instant first = firstAt(deal.touches(), opening.at(), touch -> true);
            if (first != null) {
                answered(shares, opening.at(), opening.managerId(), first);
            }
            return;
        }
        Instant first = firstAt(deal.touches(), opening.at(),
                touch -> !deal.contactId().equals(touch.contactId()));
        if (first != null) {
            add(shares, opening.at(), "foreignAnswers", ShareKeys.of(deal.id(), deal.contactId(), opening.managerId(),
                    Long.toString(opening.at().toEpochMilli())), millis(opening.at(), first));
        }
    }

    private void answered(Map<String, Document> shares, Instant opened, String managerId, Instant first) {
        String manager = ShareKeys.of(managerId);
        add(shares, opened, "responseMillis", manager, millis(opened, first));
        add(shares, opened, "responses", manager, ONE);
    }

    /**
     * The instant of the first of {@code touches} (kept in order of their instants) at or after {@code since} that is
     * {@code counted}; null without any.
     */
    private static Instant firstAt(List<ManagerKpiFacts.Touch> touches, Instant since,
                                   Predicate<ManagerKpiFacts.Touch> counted) {
        int low = 0;
        int high = touches.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (touches.get(mid).at().isBefore(since)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int i = low; i < touches.size(); i++) {
            if (counted.test(touches.get(i))) {
                return touches.get(i).at();
            }
        }
        return null;
    }

    private static BigDecimal millis(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).toMillis());
    }

    /** Adds {@code value} to {@code field}'s sum of {@code key} in the day and the month of {@code at}. */
    private void add(Map<String, Document> shares, Instant at, String field, String key, BigDecimal value) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        for (String bucket : new String[]{DAY_PREFIX + day, MONTH_PREFIX + YearMonth.from(day)}) {
            Document sums = (Document) shares.computeIfAbsent(bucket, id -> new Document())
                    .computeIfAbsent(field, name -> new Document());
            String sum = sums.getString(key);
            sums.put(key, (sum == null ? value : new BigDecimal(sum).add(value)).toPlainString());
        }
    }
}
