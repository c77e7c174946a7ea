package dev.eventcrm.projections.event;

import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.imports.ContactImportProgressed;
import dev.eventcrm.projections.contact.ContactCardFold;
import dev.eventcrm.projections.deal.DealBoardFold;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeParserTest {
    private final EnvelopeParser parser = new EnvelopeParser();

    private static final String DEAL_OPENED = """
            {"eventId":"e-1","type":"DealOpened","aggregateType":"Deal","aggregateId":"d1","sequence":0,
             "occurredAt":"2026-03-02T09:00:00Z","recordedAt":"2026-03-02T09:00:00.123456Z",
             "metadata":{"actorId":"u1","channel":"api"},
             "payload":{"dealId":"d1","contactId":"c1","title":"Roof","amount":{"value":"1500.00","currency":"EUR"},
                        "ownerId":"o1","source":"web","pipelineId":"default","stage":"NEW","addedLater":true}}""";

    @Test
    void theContractEnvelopeBindsToItsEventRecord() {
        ParsedEvent event = parser.parse(DEAL_OPENED);

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.aggregateType()).isEqualTo("Deal");
        assertThat(event.sequence()).isZero();
        assertThat(event.recordedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456Z"));
        assertThat(event.metadata()).containsEntry("actorId", "u1");
        assertThat(event.envelope()).isEqualTo(DEAL_OPENED);
        DealOpened opened = (DealOpened) event.payload();
        assertThat(opened.amount().value()).isEqualTo(new BigDecimal("1500.00")); // scale kept: "1500.00", not "1500"
        assertThat(opened.amount().value().toPlainString()).isEqualTo("1500.00");
    }

    @Test
    void enumsAndInstantsOfThePayloadBindByName() {
        ParsedEvent event = parser.parse("""
                {"eventId":"e-2","type":"CallLogged","aggregateType":"Call","aggregateId":"call-1","sequence":0,
                 "occurredAt":"2026-03-02T09:00:00Z","recordedAt":"2026-03-02T09:00:01Z","metadata":{},
                 "payload":{"callId":"call-1","contactId":"c1","dealId":null,"direction":"INBOUND",
                            "outcome":"VOICEMAIL","durationSeconds":30,"notes":null,"occurredAt":"2026-03-02T08:59:00Z"}}""");

        assertThat(event.payload()).isEqualTo(new CallLogged("call-1", "c1", null, CallDirection.INBOUND,
                CallOutcome.VOICEMAIL, 30, null, Instant.parse("2026-03-02T08:59:00Z")));
    }

    @Test
    void aHistoryArrayParsesEachEnvelope() {
        List<ParsedEvent> events = parser.parseArray("[" + DEAL_OPENED + "]");

        assertThat(events).singleElement().extracting(ParsedEvent::aggregateId).isEqualTo("d1");
    }

    @Test
    void unreadableRecordsAreRejectedAsUnparseable() {
        assertThatThrownBy(() -> parser.parse("not json")).isInstanceOf(UnparseableEventException.class);
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(UnparseableEventException.class);
        assertThatThrownBy(() -> parser.parse(DEAL_OPENED.replace("\"DealOpened\"", "\"DealClosed\"")))
                .isInstanceOf(UnparseableEventException.class).hasMessageContaining("unknown event type DealClosed");
        assertThatThrownBy(() -> parser.parse(DEAL_OPENED.replace("\"sequence\":0", "\"sequence\":\"x\"")))
                .isInstanceOf(UnparseableEventException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> parser.parse(DEAL_OPENED.replace("2026-03-02T09:00:00Z", "yesterday")))
                .isInstanceOf(UnparseableEventException.class).hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> parser.parse(DEAL_OPENED.replace("\"1500.00\"", "\"lots\"")))
                .isInstanceOf(UnparseableEventException.class).hasMessageContaining("does not bind");
    }

    /** A contact import's events reach the change feed (and so SSE) but no read model. */
    @Test
    void aContactImportsEventsParseAndNoReadModelFoldsThem() {
        ParsedEvent event = parser.parse("""
                {"eventId":"e-9","type":"ContactImportProgressed","aggregateType":"ContactImport","aggregateId":"i1",
                 "sequence":3,"occurredAt":"2026-03-02T09:00:00Z","recordedAt":"2026-03-02T09:00:00Z",
                 "metadata":{"channel":"IMPORT"},
                 "payload":{"importId":"i1","rows":500,"accepted":480,"duplicates":15,"rejected":5}}""");

        assertThat(event.payload()).isEqualTo(new ContactImportProgressed("i1", 500, 480, 15, 5));
        assertThat(new ContactCardFold().targets(event)).isEmpty();
        assertThat(new DealBoardFold(new InMemoryEventHistory()).targets(event)).isEmpty();
    }
}
