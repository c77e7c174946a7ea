package dev.eventcrm.projections.invoice;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class InvoicesProjectionTest {

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection invoices;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshInvoices() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        invoices = InvoicesProjection.create(database, history, TIMEOUT);
        invoices.prepare();
    }

    private static ParsedEvent invoiceEvent(long sequence, Record payload) {
        return event("Invoice", "i1", sequence, T0.plusSeconds(sequence * 60), payload);
    }

    private static ParsedEvent issued() {
        return invoiceEvent(0, new InvoiceIssued("i1", "d1", "c1", "INV-7",
                new Money(new BigDecimal("1500.50"), "EUR"), LocalDate.parse("2026-03-31")));
    }

    private static ParsedEvent paid() {
        return invoiceEvent(1, new InvoicePaid("i1", LocalDate.parse("2026-03-30")));
    }

    private Document invoice() {
        return byId(database, InvoicesProjection.COLLECTION, "i1");
    }

    @Test
    void issuedStoresAnOpenInvoiceWithItsAmountAsADecimalString() {
        invoices.applyBatch(List.of(issued()));

        Document invoice = invoice();
        assertThat(invoice.getString("id")).isEqualTo("i1");
        assertThat(invoice.getString("dealId")).isEqualTo("d1");
        assertThat(invoice.getString("contactId")).isEqualTo("c1");
        assertThat(invoice.getString("number")).isEqualTo("INV-7");
        assertThat(invoice.get("amount", Document.class))
                .isEqualTo(new Document("value", "1500.50").append("currency", "EUR"));
        assertThat(invoice.getString("dueDate")).isEqualTo("2026-03-31");
        assertThat(invoice.getString("status")).isEqualTo("OPEN");
        assertThat(invoice.get("paidOn")).isNull();
        assertThat(invoice.getDate("issuedAt")).isEqualTo(Date.from(T0));
        assertThat(invoice.getLong("version")).isZero();
    }

    @Test
    void paidRecordsTheDateAsEnteredAndWhenItWasRecorded() {
        invoices.applyBatch(List.of(issued(), paid()));

        Document invoice = invoice();
        assertThat(invoice.getString("status")).isEqualTo("PAID");
        assertThat(invoice.getString("paidOn")).isEqualTo("2026-03-30");
        assertThat(invoice.getDate("paidAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
        assertThat(invoice.getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
        assertThat(invoice.getString("number")).isEqualTo("INV-7");
        assertThat(invoice.getLong("version")).isEqualTo(1L);
    }

    @Test
    void theCommandSidesEnvelopeParses() {
        String envelope = "{\"eventId\":\"e1\",\"type\":\"InvoiceIssued\",\"aggregateType\":\"Invoice\","
                + "\"aggregateId\":\"i1\",\"sequence\":0,\"occurredAt\":\"2026-03-02T09:00:00Z\","
                + "\"recordedAt\":\"2026-03-02T09:00:00.003Z\",\"metadata\":{\"actorId\":\"boss\"},"
                + "\"payload\":{\"invoiceId\":\"i1\",\"dealId\":\"d1\",\"contactId\":\"c1\",\"number\":\"A-1\","
                + "\"amount\":{\"value\":\"99.9900\",\"currency\":\"USD\"},\"dueDate\":\"2026-04-01\"}}";
        invoices.applyBatch(List.of(new EnvelopeParser().parse(envelope)));

        assertThat(invoice().get("amount", Document.class))
                .isEqualTo(new Document("value", "99.9900").append("currency", "USD"));
        assertThat(invoice().getString("dueDate")).isEqualTo("2026-04-01");
    }

    @Test
    void aRedeliveredEventChangesNothingAndAGapIsHealed() {
        history.store(issued(), paid());

        invoices.applyBatch(List.of(paid()));
        Document healed = invoice();
        assertThat(healed.getString("number")).isEqualTo("INV-7");
        assertThat(healed.getString("status")).isEqualTo("PAID");
        assertThat(healed.getLong("version")).isEqualTo(1L);

        invoices.applyBatch(List.of(issued(), paid()));
        assertThat(invoice()).isEqualTo(healed);
    }

    @Test
    void otherAggregatesLeaveTheInvoicesAlone() {
        invoices.applyBatch(List.of(dealOpened("d1", "c1", "10.00", Instant.parse("2026-03-02T10:00:00Z"))));

        assertThat(MongoTestServer.all(database, InvoicesProjection.COLLECTION)).isEmpty();
    }
}
