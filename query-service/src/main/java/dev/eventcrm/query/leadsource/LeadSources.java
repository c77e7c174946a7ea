package dev.eventcrm.query.leadsource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import dev.eventcrm.query.mongo.ShareKey;
import org.bson.Document;

/**
 * The sources report over [from, to) (days of {@code zone}), added up from the buckets the projections' lead-sources
 * keep in {@code lead_source_facts}: per day ({@code bucket:src:day:<date>}) the contacts created and the deals opened
 * that day, per month ({@code bucket:src:spend:<YYYY-MM>}) the spends. A contact counts for its current source unless
 * it was merged into another; a deal for its own source, else its contact's current one (the buckets keep such deals
 * per contact, whose sources are looked up at query time); its win and amount are its current ones. A month's spend
 * counts in the share of its days that lie in the range. Reads are bounded by the calendar (a bucket per day and per
 * month of the range) and the contacts of deals opened without a source, not by the deals.
 */
final class LeadSources {
    static final String DAY_PREFIX = "bucket:src:day:";
    static final String SPEND_PREFIX = "bucket:src:spend:";

    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    /** source (null: none) -> tally; sorted, with the rows without a source last. */
    private final SortedMap<String, SourceTally> tallies =
            new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    /** contact (null: none) -> the tally of its deals opened without a source of their own. */
    private final Map<String, SourceTally> sourceless = new HashMap<>();

    LeadSources(LocalDate from, LocalDate to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** The ids of the buckets the report reads: the range's days, and the months it has days of. */
    List<String> bucketIds() {
        List<String> ids = new ArrayList<>(from.datesUntil(to).map(day -> DAY_PREFIX + day).toList());
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to.minusDays(1)));
             month = month.plusMonths(1)) {
            ids.add(SPEND_PREFIX + month);
        }
        return ids;
    }

    /** Adds a bucket's {@code totals}; others are ignored. */
    LeadSources add(Document bucket) {
        String id = bucket.getString("_id");
        Document totals = bucket.get("totals", Document.class);
        if (totals == null) {
            return this;
        }
        if (id.startsWith(DAY_PREFIX)) {
            LocalDate day = LocalDate.parse(id.substring(DAY_PREFIX.length()));
            if (!day.isBefore(from) && day.isBefore(to)) {
                ShareKey.sums(totals, "contacts").forEach((key, count) ->
                        tally(source(key)).contacts(count.longValueExact()));
                deals(totals, "", this::tally);
                deals(totals, "Of", contact -> sourceless.computeIfAbsent(contact, key -> new SourceTally()));
            }
        } else if (id.startsWith(SPEND_PREFIX)) {
            spends(YearMonth.parse(id.substring(SPEND_PREFIX.length())), totals);
        }
        return this;
    }

    /** The deals' counts and sums of one kind of key: their source ({@code ""}) or their contact ({@code "Of"}). */
    private static void deals(Document totals, String suffix, Function<String, SourceTally> tally) {
        ShareKey.sums(totals, "deals" + suffix).forEach((key, count) ->
                tally.apply(source(key)).opened(count.longValueExact()));
        ShareKey.sums(totals, "won" + suffix).forEach((key, count) ->
                tally.apply(source(key)).won(count.longValueExact()));
        ShareKey.sums(totals, "cycle" + suffix).forEach((key, millis) ->
                tally.apply(source(key)).cycle(millis.longValueExact()));
        ShareKey.sums(totals, "revenue" + suffix).forEach((key, sum) -> {
            List<String> attributedAndCurrency = ShareKey.values(key);
            tally.apply(attributedAndCurrency.get(0)).revenue(attributedAndCurrency.get(1), sum);
        });
    }

    /** A month's spends, in the share of its days that lie in the range, at each amount's scale (half up). */
    private void spends(YearMonth month, Document totals) {
        LocalDate first = max(month.atDay(1), from);
        LocalDate next = min(month.plusMonths(1).atDay(1), to);
        if (!first.isBefore(next)) {
            return;
        }
        BigDecimal days = BigDecimal.valueOf(ChronoUnit.DAYS.between(first, next));
        ShareKey.sums(totals, "spend").forEach((key, amount) -> {
            List<String> sourceAndCurrency = ShareKey.values(key);
            tally(sourceAndCurrency.get(0)).spend(sourceAndCurrency.get(1), amount.multiply(days)
                    .divide(BigDecimal.valueOf(month.lengthOfMonth()), amount.scale(), RoundingMode.HALF_UP));
        });
    }

    /** The contacts of the deals opened without a source: whose current sources they count for. */
    Set<String> sourcelessDealContacts() {
        Set<String> contacts = new HashSet<>(sourceless.keySet());
        contacts.remove(null);
        return contacts;
    }

    /** @param contactSources contact -> current source, for {@link #sourcelessDealContacts()} */
    LeadSourceView view(Map<String, String> contactSources) {
        sourceless.forEach((contact, deals) -> tally(contact == null ? null : contactSources.get(contact)).add(deals));
        List<LeadSourceView.SourceRow> rows = new ArrayList<>();
        tallies.forEach((source, tally) -> rows.add(tally.row(source)));
        return new LeadSourceView(from.toString(), to.toString(), zone.getId(), rows);
    }

    private static String source(String key) {
        return ShareKey.values(key).get(0);
    }

    private SourceTally tally(String source) {
        return tallies.computeIfAbsent(source, key -> new SourceTally());
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
