package dev.eventcrm.query.leadsource;

import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.leadsource.LeadSourceProjection;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.eventcrm.events.pipeline.StageKind.LOST;
import static dev.eventcrm.events.pipeline.StageKind.WON;
import static dev.eventcrm.query.leadsource.SourceEvents.amount;
import static dev.eventcrm.query.leadsource.SourceEvents.contact;
import static dev.eventcrm.query.leadsource.SourceEvents.merged;
import static dev.eventcrm.query.leadsource.SourceEvents.moved;
import static dev.eventcrm.query.leadsource.SourceEvents.opened;
import static dev.eventcrm.query.leadsource.SourceEvents.reopened;
import static dev.eventcrm.query.leadsource.SourceEvents.sourceChanged;
import static dev.eventcrm.query.leadsource.SourceEvents.spend;
import static org.hamcrest.Matchers.nullValue;

/**
 * A month of leads from four channels, every number worked out by hand. The installation's zone in these tests is
 * Asia/Vladivostok (UTC+10): a local day starts at 14:00Z the day before. March 2030 is [2030-03-01, 2030-04-01):
 * from 2030-02-28T14:00Z to 2030-03-31T14:00Z.
 */
class LeadSourceScenarioTest extends QueryServiceIntegrationTest {
    private static final List<String> SOURCES = Arrays.asList("ads", "email", "referral", "web", null);

    private static final List<ParsedEvent> EVENTS = List.of(
            // contacts: c1 web; c2 ads, moved to web on 03-20 (counts for web, its current source); c3 ads;
            // c4 ads, merged into c3 (a duplicate: no lead of its own); c5 ads on local Feb 28, 23:00 (before March);
            // c6 web on local Apr 1, 00:30 (after); c7 referral on local Mar 1, 00:30 (in); c8 without a source
            contact("ls-c1", "web", at("2030-03-02T00:00")),
            contact("ls-c2", "ads", at("2030-03-05T00:00")),
            sourceChanged("ls-c2", 1, "ads", "web", at("2030-03-20T00:00")),
            contact("ls-c3", "ads", at("2030-03-10T00:00")),
            contact("ls-c4", "ads", at("2030-03-12T00:00")),
            merged("ls-c4", 1, "ls-c3", at("2030-03-13T00:00")),
            contact("ls-c5", "ads", at("2030-02-28T13:00")),
            contact("ls-c6", "web", at("2030-03-31T14:30")),
            contact("ls-c7", "referral", at("2030-02-28T14:30")),
            contact("ls-c8", null, at("2030-03-15T00:00")),
            // d1 web: 2000.00 EUR, won exactly 10 days after opening
            opened("ls-d1", "ls-c1", "web", "2000.00", "EUR", at("2030-03-02T01:00")),
            moved("ls-d1", 1, WON, at("2030-03-12T01:00")),
            // d2 ads (its own source, though its contact is web's now): won after 1.5 days, reopened, won again
            // 3 days after opening (the current win), then its amount raised to 600.00
            opened("ls-d2", "ls-c2", "ads", "500.00", "EUR", at("2030-03-05T02:00")),
            moved("ls-d2", 1, WON, at("2030-03-06T14:00")),
            reopened("ls-d2", 2, at("2030-03-07T00:00")),
            moved("ls-d2", 3, WON, at("2030-03-08T02:00")),
            amount("ls-d2", 4, "600.00", "EUR", at("2030-03-09T00:00")),
            // d3 ads, lost
            opened("ls-d3", "ls-c3", "ads", "250.50", "EUR", at("2030-03-10T03:00")),
            moved("ls-d3", 1, LOST, at("2030-03-15T00:00")),
            // d4 without a source: its contact c3's, ads; 99.99 USD won after half a day (local 03-11)
            opened("ls-d4", "ls-c3", null, "99.99", "USD", at("2030-03-11T00:00")),
            moved("ls-d4", 1, WON, at("2030-03-11T12:00")),
            // d5 web, opened in February, won in March: not in March's cohort
            opened("ls-d5", "ls-c1", "web", "700.00", "EUR", at("2030-02-27T00:00")),
            moved("ls-d5", 1, WON, at("2030-03-03T00:00")),
            // d6 without a source: c7's, referral; still open
            opened("ls-d6", "ls-c7", null, "10.00", "EUR", at("2030-03-20T00:00")),
            // d7: neither it nor c8 has a source; 10.00 EUR won after 2 days
            opened("ls-d7", "ls-c8", null, "10.00", "EUR", at("2030-03-16T00:00")),
            moved("ls-d7", 1, WON, at("2030-03-18T00:00")),
            // spend: ads 3100.00 in March (100.00 a day), 2800.00 in February; web 500.00 in March replaced by
            // 620.00 (20.00 a day), 300.00 in April; email 150.00 in March (a source with spend only)
            spend("ads", "2030-03", 0, "3100.00", "EUR", at("2030-03-01T00:00")),
            spend("ads", "2030-02", 0, "2800.00", "EUR", at("2030-02-01T00:00")),
            spend("web", "2030-03", 0, "500.00", "EUR", at("2030-03-01T00:00")),
            spend("web", "2030-03", 1, "620.00", "EUR", at("2030-03-25T00:00")),
            spend("web", "2030-04", 0, "300.00", "EUR", at("2030-03-25T00:00")),
            spend("email", "2030-03", 0, "150.00", "EUR", at("2030-03-01T00:00")));

    @BeforeEach
    void leads() {
        // The projections' lead sources, cut in the same installation zone as the service's; applied again by each
        // test, a no-op.
        LeadSourceProjection.create(database, FoldHarness.history(EVENTS), ZoneId.of("Asia/Vladivostok"), TIMEOUT)
                .applyBatch(EVENTS);
    }

    @Test
    void aWholeMonth() {
        client.get().uri("/api/v1/reports/sources?from=2030-03-01&to=2030-04-01").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.from").isEqualTo("2030-03-01")
                .jsonPath("$.to").isEqualTo("2030-04-01")
                .jsonPath("$.timeZone").isEqualTo("Asia/Vladivostok")
                // by source, the contacts and deals without one last
                .jsonPath("$.sources[*].source").isEqualTo(SOURCES)
                // ads: c3 (c2 is web's now, c4 a duplicate, c5 February's); d2, d3 and d4 opened, d2 and d4 won:
                // 2/3; revenue d2's current 600.00 EUR and d4's 99.99 USD; cycles 3 and 0.5 days: 1.75; spend
                // 3100.00: per lead 3100.00 / 1, per won deal 3100.00 / 2; ROI: revenue in USD too, so none
                .jsonPath("$.sources[0].contacts").isEqualTo(1)
                .jsonPath("$.sources[0].dealsOpened").isEqualTo(3)
                .jsonPath("$.sources[0].dealsWon").isEqualTo(2)
                .jsonPath("$.sources[0].conversion").isEqualTo(0.6667)
                .jsonPath("$.sources[0].revenue").isEqualTo(Map.of("EUR", "600.00", "USD", "99.99"))
                .jsonPath("$.sources[0].avgCycleDays").isEqualTo(1.75)
                .jsonPath("$.sources[0].spend").isEqualTo(Map.of("EUR", "3100.00"))
                .jsonPath("$.sources[0].costPerLead").isEqualTo(Map.of("EUR", "3100.00"))
                .jsonPath("$.sources[0].costPerWonDeal").isEqualTo(Map.of("EUR", "1550.00"))
                .jsonPath("$.sources[0].roi").value(nullValue())
                // email: spend only; ROI (0 - 150.00) / 150.00 = -1; nothing to divide by for the costs
                .jsonPath("$.sources[1].contacts").isEqualTo(0)
                .jsonPath("$.sources[1].dealsOpened").isEqualTo(0)
                .jsonPath("$.sources[1].conversion").value(nullValue())
                .jsonPath("$.sources[1].avgCycleDays").value(nullValue())
                .jsonPath("$.sources[1].spend").isEqualTo(Map.of("EUR", "150.00"))
                .jsonPath("$.sources[1].costPerLead").value(nullValue())
                .jsonPath("$.sources[1].costPerWonDeal").value(nullValue())
                .jsonPath("$.sources[1].roi").isEqualTo(-1.0)
                // referral: c7 (local March 1) and d6 (its contact's source), open: conversion 0; no spend
                .jsonPath("$.sources[2].contacts").isEqualTo(1)
                .jsonPath("$.sources[2].dealsOpened").isEqualTo(1)
                .jsonPath("$.sources[2].dealsWon").isEqualTo(0)
                .jsonPath("$.sources[2].conversion").isEqualTo(0.0)
                .jsonPath("$.sources[2].revenue").isEqualTo(Map.of())
                .jsonPath("$.sources[2].spend").isEqualTo(Map.of())
                .jsonPath("$.sources[2].costPerLead").isEqualTo(Map.of())
                .jsonPath("$.sources[2].costPerWonDeal").value(nullValue())
                .jsonPath("$.sources[2].roi").value(nullValue())
                // web: c1 and c2 (c6 is April's); d1 won in 10 days (d5 is February's); the replaced 620.00:
                // per lead 620.00 / 2 = 310.00, per won deal 620.00; ROI (2000.00 - 620.00) / 620.00 = 2.2258
                .jsonPath("$.sources[3].contacts").isEqualTo(2)
                .jsonPath("$.sources[3].dealsOpened").isEqualTo(1)
                .jsonPath("$.sources[3].dealsWon").isEqualTo(1)
                .jsonPath("$.sources[3].conversion").isEqualTo(1.0)
                .jsonPath("$.sources[3].revenue").isEqualTo(Map.of("EUR", "2000.00"))
                .jsonPath("$.sources[3].avgCycleDays").isEqualTo(10.0)
                .jsonPath("$.sources[3].spend").isEqualTo(Map.of("EUR", "620.00"))
                .jsonPath("$.sources[3].costPerLead").isEqualTo(Map.of("EUR", "310.00"))
                .jsonPath("$.sources[3].costPerWonDeal").isEqualTo(Map.of("EUR", "620.00"))
                .jsonPath("$.sources[3].roi").isEqualTo(2.2258)
                // no source: c8, and d7 won in 2 days
                .jsonPath("$.sources[4].contacts").isEqualTo(1)
                .jsonPath("$.sources[4].dealsWon").isEqualTo(1)
                .jsonPath("$.sources[4].revenue").isEqualTo(Map.of("EUR", "10.00"))
                .jsonPath("$.sources[4].avgCycleDays").isEqualTo(2.0)
                .jsonPath("$.sources[4].costPerWonDeal").isEqualTo(Map.of());
    }

    @Test
    void tenDaysTakeTheirShareOfTheMonthsSpend() {
        // [03-11, 03-21): no contact but c8 (c4 is a duplicate); d4 (local 03-11 10:00), d6, d7 (d3 opened on local
        // 03-10); spend 10/31 of March's: ads 1000.00, web 200.00, email 150.00 * 10 / 31 = 48.387.. -> 48.39
        client.get().uri("/api/v1/reports/sources?from=2030-03-11&to=2030-03-21").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sources[*].source").isEqualTo(SOURCES)
                .jsonPath("$.sources[0].contacts").isEqualTo(0)
                .jsonPath("$.sources[0].dealsOpened").isEqualTo(1)
                .jsonPath("$.sources[0].conversion").isEqualTo(1.0)
                .jsonPath("$.sources[0].revenue").isEqualTo(Map.of("USD", "99.99"))
                .jsonPath("$.sources[0].avgCycleDays").isEqualTo(0.5)
                .jsonPath("$.sources[0].spend").isEqualTo(Map.of("EUR", "1000.00"))
                .jsonPath("$.sources[0].costPerLead").value(nullValue())
                .jsonPath("$.sources[0].costPerWonDeal").isEqualTo(Map.of("EUR", "1000.00"))
                .jsonPath("$.sources[1].spend").isEqualTo(Map.of("EUR", "48.39"))
                .jsonPath("$.sources[1].roi").isEqualTo(-1.0)
                .jsonPath("$.sources[2].dealsOpened").isEqualTo(1)
                .jsonPath("$.sources[3].contacts").isEqualTo(0)
                .jsonPath("$.sources[3].dealsOpened").isEqualTo(0)
                .jsonPath("$.sources[3].spend").isEqualTo(Map.of("EUR", "200.00"))
                .jsonPath("$.sources[3].roi").isEqualTo(-1.0)
                .jsonPath("$.sources[4].contacts").isEqualTo(1)
                .jsonPath("$.sources[4].dealsOpened").isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "'to=2030-04-01', from",
            "'from=2030-03-01', to",
            "'from=2030-03-01&to=2030-03-01', to",
            "'from=01.03.2030&to=2030-04-01', from",
            "'from=2030-03-01&to=2040-04-01', to"})
    void aBadRangeIsA400NamingTheParameter(String query, String field) {
        client.get().uri("/api/v1/reports/sources?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc + ":00Z");
    }
}
