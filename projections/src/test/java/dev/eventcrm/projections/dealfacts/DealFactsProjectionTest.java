package dev.eventcrm.projections.dealfacts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class DealFactsProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection facts;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void fresh() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        facts = DealFactsProjection.create(database, history, ZoneOffset.UTC, TIMEOUT);
        facts.prepare();
    }

    private static final ParsedEvent OPENED = event("Deal", "d1", 0, T0, new DealOpened("d1", "c1", "Deal",
            new Money(new BigDecimal("1000.00"), "EUR"), "u1", "web", "p1", "LEAD", LocalDate.parse("2026-04-10")));
    private static final ParsedEvent WON = event("Deal", "d1", 1, T0.plusSeconds(86_400),
            new DealStageMoved("d1", "LEAD", "SIGNED", "p1", false, StageKind.WON, null, null));
    private static final ParsedEvent REOPENED = event("Deal", "d1", 2, T0.plusSeconds(2 * 86_400),
            new DealReopened("d1", "SIGNED", "OFFER", "p1"));
    private static final ParsedEvent AMOUNT = event("Deal", "d1", 3, T0.plusSeconds(3 * 86_400),
            new DealAmountChanged("d1", new Money(new BigDecimal("1000.00"), "EUR"),
                    new Money(new BigDecimal("1200.50"), "USD")));
    private static final ParsedEvent UNDATED = event("Deal", "d1", 4, T0.plusSeconds(3 * 86_400),
            new DealExpectedCloseDateChanged("d1", LocalDate.parse("2026-04-10"), null));

    @Test
    void aWinThenReopenLeavesAnOpenDealWithBothMovesCounted() {
        history.store(OPENED, WON, REOPENED);
        facts.applyBatch(List.of(OPENED, WON));
        Document won = byId(database, DealFactsProjection.COLLECTION, "d1");
        assertThat(won.getDate("wonAt")).isEqualTo(Date.from(WON.occurredAt()));
        assertThat(won.getString("wonBy")).isEqualTo("u1");

        facts.applyBatch(List.of(WON, REOPENED, OPENED)); // redelivered around the reopen

        Document deal = byId(database, DealFactsProjection.COLLECTION, "d1");
        assertThat(deal.getString("status")).isEqualTo("OPEN");
        assertThat(deal.getString("stage")).isEqualTo("OFFER");
        assertThat(deal.get("wonAt")).isNull();
        assertThat(deal.get("wonBy")).isNull();
        assertThat(deal.getList("moves", Date.class))
                .containsExactly(Date.from(WON.occurredAt()), Date.from(REOPENED.occurredAt()));
    }

    @Test
    void amountAndCloseDateChangesReplaceTheForecastFields() {
        facts.applyBatch(List.of(OPENED));
        assertThat(byId(database, DealFactsProjection.COLLECTION, "d1").getString("expectedCloseDate"))
                .isEqualTo("2026-04-10");

        history.store(OPENED, WON, REOPENED, AMOUNT, UNDATED);
        facts.applyBatch(List.of(UNDATED)); // the gap 1..3 is healed from the history

        Document deal = byId(database, DealFactsProjection.COLLECTION, "d1");
        assertThat(deal.get("amount", Document.class)).isEqualTo(new Document("value", "1200.50")
                .append("currency", "USD"));
        assertThat(deal.get("expectedCloseDate")).isNull();
        assertThat(deal.getString("pipelineId")).isEqualTo("p1");
        assertThat(deal.getString("ownerId")).isEqualTo("u1");
    }

    @Test
    void rebuildsIntoAnotherCollection() {
        Projection rebuild = facts.into("deal_facts_rebuild");
        rebuild.applyBatch(List.of(OPENED, WON));
        assertThat(byId(database, "deal_facts_rebuild", "d1").getString("status")).isEqualTo("WON");
        assertThat(rebuild.name()).isEqualTo(DealFactsProjection.NAME);
    }
}
