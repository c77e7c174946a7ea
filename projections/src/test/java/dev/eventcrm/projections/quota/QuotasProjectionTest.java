package dev.eventcrm.projections.quota;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import dev.eventcrm.events.quota.QuotaSet;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class QuotasProjectionTest {
    private static MongoTestServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void everyTargetIsKeptWithItsStartUnderRedeliveryAndGaps() {
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent set = event("Quota", "q1", 0, T0, new QuotaSet("q1", "anna", null, QuotaPeriod.MONTH,
                QuotaMetric.REVENUE_WON, new BigDecimal("10000.00"), "EUR"));
        ParsedEvent raised = event("Quota", "q1", 1, T0.plusSeconds(86_400), new QuotaSet("q1", "anna", null,
                QuotaPeriod.MONTH, QuotaMetric.REVENUE_WON, new BigDecimal("12000"), "EUR"));
        ParsedEvent switched = event("Quota", "q1", 2, T0.plusSeconds(2 * 86_400), new QuotaSet("q1", "anna", null,
                QuotaPeriod.MONTH, QuotaMetric.REVENUE_WON, new BigDecimal("13000.5"), "USD"));
        Projection quotas = QuotasProjection.create(database, new InMemoryEventHistory().store(set, raised, switched),
                TIMEOUT);
        quotas.prepare();

        quotas.applyBatch(List.of(set, switched, set, raised)); // the raise (1) is healed, then redelivered

        Document quota = byId(database, QuotasProjection.COLLECTION, "q1");
        assertThat(quota.getString("managerId")).isEqualTo("anna");
        assertThat(quota.get("teamId")).isNull();
        assertThat(quota.getString("period")).isEqualTo("MONTH");
        assertThat(quota.getString("metric")).isEqualTo("REVENUE_WON");
        assertThat(quota.getList("targets", Document.class)).containsExactly(
                new Document("from", Date.from(T0)).append("target", "10000.00").append("currency", "EUR"),
                new Document("from", Date.from(raised.occurredAt())).append("target", "12000")
                        .append("currency", "EUR"),
                new Document("from", Date.from(switched.occurredAt())).append("target", "13000.5")
                        .append("currency", "USD"));
    }
}
