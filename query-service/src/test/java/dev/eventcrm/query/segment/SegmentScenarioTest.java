package dev.eventcrm.query.segment;

import dev.eventcrm.query.segment.CustomerEvents.Fact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small customer base as of 2026-06-01T00:00Z, churn after 365 days, no configured currency; wins at 00:00 UTC, so
 * the days since (whole 24-hour days) are the calendar days between the dates. Every number below is
 * worked out by hand; the deals and activities go through the projections' customer-value, and the segmentation reads
 * its buckets.
 *
 * <pre>
 * contact  won deals (amount, won at)                                   other
 * A (DE)   1000 EUR 2026-05-25, 500 EUR 2026-03-01, 200 EUR 2025-12-01  call 2026-05-10, note 2026-03-15,
 *                                                                       e-mail 2026-01-01
 * B (DE)   300 EUR 2026-05-30                                           M (merged into B): meeting 2026-05-20
 * C (FR)   2000 EUR 2025-09-01, 1500 EUR 2025-08-01                     call 2026-05-02T00:00 (exactly 30 days ago)
 * D (FR)   900 USD 2025-03-01                                           an open deal
 * E        100 EUR 2026-01-10, 100 EUR 2026-01-20, 100 EUR 2026-02-01
 * P        -                                                            an open and a lost deal, a call 2026-06-05
 * L1       -                                                            nothing
 * L2       -                                                            a lost deal
 * X        5000 EUR 2026-05-31, archived: in no count
 * </pre>
 * Reporting currency: 9 won deals in EUR, 1 in USD, so EUR. Five customers (A, B, C, D, E).
 * Recency in days: B 2, A 7, E 120 (Feb 1 -> Jun 1: 28+31+30+31), C 273, D 457 (365 + 31+30+31).
 * R = 1 + (customers with more days): B 1+4=5, A 4, E 3, C 2, D 1.
 * Frequency: A 3, E 3, C 2, B 1, D 1. F = 1 + (customers with fewer): A 1+3=4, E 4, C 1+2=3, B 1, D 1.
 * Monetary in EUR: C 3500, A 1700, B 300, E 300, D 0. M = 1 + (customers with less): C 5, A 4, B 2, E 2, D 1.
 * Segments: A R4 F4 M4 Champions; B R5 F1 New; C R2 F3 At risk (F < 4 so not Cannot lose them); D R1 F1 Lost;
 * E R3 F4 M2 Loyal (R < 4 so not Champions).
 * Lifecycle: A, B, C, E customer (C's 273 days <= 365); D churned (457 > 365, its open deal does not matter);
 * P prospect; L1 and L2 lead (a lost deal only is no deal in progress).
 * Engagement (business time in (now - N days, now]): A 30d: call = 1, 90d: call, note = 2; B 1 and 1 (its merged
 * contact's meeting); C 0 and 1 (30 days ago exactly is outside the 30 days); P's future call counts nowhere.
 * So 2 contacts active in 30 days (A, B), 3 in 90 (A, B, C).
 * Value: EUR 9 deals, 1700 + 300 + 3500 + 300 = 5800, average 644.44 (5800 / 9 = 644.444...); USD 1 deal, 900.
 */
class SegmentScenarioTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final List<Fact> facts = new ArrayList<>();

    @Test
    void handWorkedCustomerBase() {
        List<ContactRow> contacts = List.of(row("A", null, false, "DE"), row("B", null, false, "DE"),
                row("C", null, false, "FR"), row("D", null, false, "FR"), row("E", null, false, null),
                row("P", null, false, null), row("L1", null, false, null), row("L2", null, false, null),
                row("M", "B", false, "DE"), row("X", null, true, "DE"));
        won("A", "1000", "EUR", "2026-05-25");
        won("A", "500", "EUR", "2026-03-01");
        won("A", "200.00", "EUR", "2025-12-01");
        activity("A", "2026-05-10T00:00:00Z");
        activity("A", "2026-03-15T00:00:00Z");
        activity("A", "2026-01-01T00:00:00Z");
        won("B", "300", "EUR", "2026-05-30");
        activity("M", "2026-05-20T00:00:00Z");
        won("C", "2000", "EUR", "2025-09-01");
        won("C", "1500", "EUR", "2025-08-01");
        activity("C", "2026-05-02T00:00:00Z");
        won("D", "900", "USD", "2025-03-01");
        deal("D", "OPEN");
        won("E", "100", "EUR", "2026-01-10");
        won("E", "100", "EUR", "2026-01-20");
        won("E", "100", "EUR", "2026-02-01");
        deal("P", "OPEN");
        deal("P", "LOST");
        activity("P", "2026-06-05T00:00:00Z");
        deal("L2", "LOST");
        won("X", "5000", "EUR", "2026-05-31");

        Segmentation segmentation = Segmentation.of(contacts, CustomerEvents.tallies(facts, NOW), NOW, null, 365);

        assertThat(segmentation.reportingCurrency()).isEqualTo("EUR");
        Map<String, Classified> byId = segmentation.contacts().stream()
                .collect(Collectors.toMap(c -> c.contact().id(), Function.identity()));
        assertThat(byId).containsOnlyKeys("A", "B", "C", "D", "E", "P", "L1", "L2");
        assertRfm(byId.get("A"), 7, 3, "1700.00", 4, 4, 4, Segment.CHAMPIONS);
        assertRfm(byId.get("B"), 2, 1, "300", 5, 1, 2, Segment.NEW);
        assertRfm(byId.get("C"), 273, 2, "3500", 2, 3, 5, Segment.AT_RISK);
        assertRfm(byId.get("D"), 457, 1, "0", 1, 1, 1, Segment.LOST);
        assertRfm(byId.get("E"), 120, 3, "300", 3, 4, 2, Segment.LOYAL);
        assertThat(byId.get("P").rfm()).isNull();
        assertThat(byId.values()).extracting(c -> c.contact().id() + ":" + c.lifecycle()).containsExactlyInAnyOrder(
                "A:CUSTOMER", "B:CUSTOMER", "C:CUSTOMER", "D:CHURNED", "E:CUSTOMER", "P:PROSPECT", "L1:LEAD",
                "L2:LEAD");
        CustomerValue a = byId.get("A").value();
        assertThat(a.firstWonAt()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(a.lastWonAt()).isEqualTo(Instant.parse("2026-05-25T00:00:00Z"));
        assertThat(a.activities30()).isEqualTo(1);
        assertThat(a.activities90()).isEqualTo(2);
        assertThat(byId.get("B").value().activities30()).isEqualTo(1);
        assertThat(byId.get("C").value().activities30()).isZero();
        assertThat(byId.get("C").value().activities90()).isEqualTo(1);
        assertThat(byId.get("D").value().openDeals()).isEqualTo(1);

        SegmentsView view = SegmentsReport.of(segmentation, NOW, 365);
        assertThat(view.contacts()).isEqualTo(8);
        assertThat(view.customers()).isEqualTo(5);
        assertThat(view.segments()).extracting(s -> s.segment() + "=" + s.contacts()).containsExactly(
                "champions=1", "loyal=1", "new=1", "potential-loyalist=0", "cannot-lose-them=0", "at-risk=1",
                "hibernating=0", "lost=1");
        assertThat(view.lifecycle()).containsExactly(Map.entry("lead", 2), Map.entry("prospect", 1),
                Map.entry("customer", 4), Map.entry("churned", 1));
        assertThat(view.engagement()).isEqualTo(new SegmentsView.Engagement(2, 3));
        assertThat(view.value()).containsExactly(new SegmentsView.Value("EUR", 9, "5800.00", "644.44"),
                new SegmentsView.Value("USD", 1, "900", "900.00"));
        assertThat(view.countries()).isEqualTo(Map.of("DE", Map.of("customer", 2), "FR",
                Map.of("customer", 1, "churned", 1), "unknown", Map.of("customer", 1, "prospect", 1, "lead", 2)));
    }

    @Test
    void aConfiguredCurrencyIsTheMonetaryOneAndTiesShareTheirLowestScore() {
        List<ContactRow> contacts = List.of(row("A", null, false, null), row("B", null, false, null),
                row("C", null, false, null), row("D", null, false, null));
        // Four customers, all won on the same day: all tie on recency and frequency, so all get R 1 and F 1.
        won("A", "10", "USD", "2026-05-01");
        won("B", "10", "USD", "2026-05-01");
        won("C", "99", "EUR", "2026-05-01");
        won("D", "99", "EUR", "2026-05-01");
        Segmentation segmentation = Segmentation.of(contacts, CustomerEvents.tallies(facts, NOW), NOW, "USD",
                365);
        assertThat(segmentation.reportingCurrency()).isEqualTo("USD");
        // M in USD: C and D 0 (fewer: none, M 1), A and B 10 (fewer: 2, M = 1 + 5 x 2 / 4 = 3)
        assertThat(segmentation.contacts()).extracting(c -> c.contact().id() + ":" + c.rfm().r() + c.rfm().f()
                + c.rfm().m() + ":" + c.rfm().segment()).containsExactly("A:113:LOST", "B:113:LOST", "C:111:LOST",
                "D:111:LOST");
    }

    private static void assertRfm(Classified contact, long days, int frequency, String monetary, int r, int f, int m,
                                  Segment segment) {
        Classified.Rfm rfm = contact.rfm();
        assertThat(rfm.recencyDays()).as("recency").isEqualTo(days);
        assertThat(rfm.frequency()).as("frequency").isEqualTo(frequency);
        assertThat(rfm.monetary()).as("monetary").isEqualByComparingTo(monetary);
        assertThat(List.of(rfm.r(), rfm.f(), rfm.m())).as("scores of " + contact.contact().id())
                .containsExactly(r, f, m);
        assertThat(rfm.segment()).isEqualTo(segment);
    }

    private static ContactRow row(String id, String mergedInto, boolean archived, String country) {
        return new ContactRow(id, mergedInto, archived, country, null, null);
    }

    /** Won at the start of the day (UTC): the days since are whole. */
    private void won(String contact, String amount, String currency, String day) {
        facts.add(Fact.won(contact, amount, currency, Instant.parse(day + "T00:00:00Z")));
    }

    private void deal(String contact, String status) {
        facts.add(Fact.deal(contact, status, NOW.minusSeconds(86_400)));
    }

    private void activity(String contact, String at) {
        facts.add(Fact.activity(contact, Instant.parse(at)));
    }
}
