package dev.eventcrm.query.leadsource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sources report's arithmetic, free of storage. The cohort is the contacts created and the deals opened in
 * [from, to) (days of {@code zone}): a contact counts for its current source unless it was merged into another; a
 * deal for its own source, else its contact's current one; its win and amount are its current ones. A month's spend
 * counts in the share of its days that lie in the range.
 */
final class LeadSources {
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final Instant start;
    private final Instant end;
    private final List<SourceFact> deals = new ArrayList<>();
    /** source (null: none) -> tally; sorted, with the rows without a source last. */
    private final SortedMap<String, SourceTally> tallies =
            new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));

    LeadSources(LocalDate from, LocalDate to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.start = from.atStartOfDay(zone).toInstant();
        this.end = to.atStartOfDay(zone).toInstant();
    }

    /** The first instant of {@code from} in the zone. */
    Instant start() {
        return start;
    }

    /** The first instant of {@code to} in the zone (exclusive). */
    Instant end() {
        return end;
    }

    /** The first and the last month the range has days of. */
    YearMonth firstMonth() {
        return YearMonth.from(from);
    }

    YearMonth lastMonth() {
        return YearMonth.from(to.minusDays(1));
    }

    /** A contact or deal; others, and those outside the range, are ignored. */
    LeadSources add(SourceFact fact) {
        if (fact.at() == null || fact.at().isBefore(start) || !fact.at().isBefore(end)) {
            return this;
        }
        if ("CONTACT".equals(fact.kind()) && fact.mergedInto() == null) {
            tally(fact.source()).contact();
        } else if ("DEAL".equals(fact.kind())) {
            deals.add(fact);
        }
        return this;
    }

    /** A month's spend, in the share of its days that lie in the range, at its amount's scale (half up). */
    LeadSources spend(SourceFact spend) {
        YearMonth month = YearMonth.parse(spend.month());
        LocalDate first = max(month.atDay(1), from);
        LocalDate next = min(month.plusMonths(1).atDay(1), to);
        if (spend.amount() != null && first.isBefore(next)) {
            BigDecimal share = spend.amount().multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(first, next)))
                    .divide(BigDecimal.valueOf(month.lengthOfMonth()), spend.amount().scale(), RoundingMode.HALF_UP);
            tally(spend.source()).spend(spend.currency(), share);
        }
        return this;
    }

    /** The contacts of the deals opened without a source of their own: whose sources they count for. */
    Set<String> sourcelessDealContacts() {
        return deals.stream().filter(deal -> deal.source() == null && deal.contactId() != null)
                .map(SourceFact::contactId).collect(Collectors.toSet());
    }

    /** @param contactSources contact -> current source, for {@link #sourcelessDealContacts()} */
    LeadSourceView view(Map<String, String> contactSources) {
        for (SourceFact deal : deals) {
            String source = deal.source() != null ? deal.source() : contactSources.get(deal.contactId());
            tally(source).deal(deal.at(), deal.wonAt(), deal.amount(), deal.currency());
        }
        List<LeadSourceView.SourceRow> rows = new ArrayList<>();
        tallies.forEach((source, tally) -> rows.add(tally.row(source)));
        return new LeadSourceView(from.toString(), to.toString(), zone.getId(), rows);
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
