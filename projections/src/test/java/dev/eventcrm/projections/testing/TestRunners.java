package dev.eventcrm.projections.testing;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.ProjectionsKafkaProperties;
import dev.eventcrm.projections.ProjectionsProperties;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.customervalue.CustomerValueProjection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.funnel.DealFunnelProjection;
import dev.eventcrm.projections.leadsource.LeadSourceProjection;
import dev.eventcrm.projections.managerkpi.ManagerKpiProjection;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.pipeline.PipelinesProjection;
import dev.eventcrm.projections.runner.ProjectionRunner;
import dev.eventcrm.projections.timeline.TimelineProjection;
import dev.eventcrm.projections.user.UsersProjection;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;

/** Projection runners on the JVM's test broker, wired as the tests need them (not started). */
public final class TestRunners {
    private TestRunners() {
    }

    /** Short retry backoff, no automatic rebuild; null sizes take the defaults. */
    public static ProjectionsProperties settings(String group, Integer maxBatch, Integer rebuildPageSize) {
        return new ProjectionsProperties(true, group, null, null, null, TIMEOUT, Duration.ofMillis(200), maxBatch, null,
                rebuildPageSize, false);
    }

    /**
     * The deal board, the contact card, the pipelines, the users, the timeline, the deal funnel, the deal facts, the
     * customer facts, the manager KPIs, the lead sources and, last, the change feed, as the application orders them.
     * Every projection of deal events is here: a test that restarts through the application's wiring (without a
     * rebuild) would otherwise leave one with a gap it cannot heal.
     */
    public static List<Projection> readModels(MongoDatabase database, EventHistory history) {
        return List.of(DealBoardProjection.create(database, history, TIMEOUT),
                ContactCardProjection.create(database, history, TIMEOUT),
                PipelinesProjection.create(database, history, TIMEOUT),
                UsersProjection.create(database, history, TIMEOUT),
                TimelineProjection.create(database, history, TIMEOUT),
                DealFunnelProjection.create(database, history, TIMEOUT),
                DealFactsProjection.create(database, history, ZoneOffset.UTC, TIMEOUT),
                CustomerValueProjection.create(database, history, TIMEOUT),
                ManagerKpiProjection.create(database, history, ZoneOffset.UTC, TIMEOUT),
                LeadSourceProjection.create(database, history, ZoneOffset.UTC, TIMEOUT),
                new ChangeFeedProjection(database, TIMEOUT));
    }

    public static ProjectionRunner runner(String topic, ProjectionsProperties settings, MongoDatabase database,
                                          List<Projection> projections, MeterRegistry registry) {
        return new ProjectionRunner(new ProjectionsKafkaProperties(KafkaTestBroker.bootstrap(), topic), settings,
                database, projections, new EnvelopeParser(), registry, List.of());
    }
}
