package dev.eventcrm.command.publication;

import dev.eventcrm.command.CommandServiceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay over a real H2 event store with the Kafka producer replaced by kafka-clients' in-memory
 * {@link MockProducer}; rows are inserted with explicit global indexes to play out commits that land out of order.
 */
class PublicationRelayTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final MockProducer<String, String> producer =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private JdbcTemplate jdbc;
    private CommandServiceProperties properties;

    @BeforeEach
    void eventStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:relay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        properties = new CommandServiceProperties(
                new CommandServiceProperties.EventStore("jdbc:h2:mem:unused", null, null, 1),
                new CommandServiceProperties.Kafka("unused:9092", "crm.events", 1, (short) 1, Duration.ofDays(7)),
                new CommandServiceProperties.Publication(true, 100, Duration.ofMillis(500), Duration.ofMillis(20),
                        Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                new CommandServiceProperties.Commands("system", Duration.ofMinutes(5)));
    }

    @Test
    void publishesStoredEventsInGlobalOrderKeyedByAggregateAsEnvelopes() throws Exception {
        store(1, "deal-1", 0);
        store(2, "deal-2", 0);
        store(3, "deal-1", 1);

        relay().publishBatch();

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("deal-1", "deal-2", "deal-1");
        assertThat(producer.history().get(2).value())
                .contains("\"type\":\"DealStageMoved\"", "\"sequence\":1", "\"aggregateType\":\"Deal\"",
                        "\"payload\":{\"dealId\":\"deal-1\"}", "\"metadata\":{\"channel\":\"API\"}");
        assertThat(storedPosition()).isEqualTo(3);
    }

    @Test
    void anEventCommittedLateIntoAGapIsPublishedAndThePositionWaitsForIt() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        store(3, "deal-3", 0); // index 2 belongs to a transaction still in flight

        relay.publishBatch();
        assertThat(keys()).containsExactly("deal-1", "deal-3");
        assertThat(storedPosition()).isEqualTo(1);

        store(2, "deal-2", 0);
        relay.publishBatch();

        assertThat(keys()).containsExactly("deal-1", "deal-3", "deal-2");
        assertThat(storedPosition()).isEqualTo(3);
    }

    @Test
    void anAggregatesEventsStayInOrderWhenAGapFillsAndItsSuccessorCommitsDuringARead() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        store(3, "deal-3", 0); // index 2 belongs to deal-2's first event, still in flight
        relay.publishBatch();
        AtomicBoolean armed = new AtomicBoolean(true);
        relay.afterRead = () -> {
            if (armed.getAndSet(false)) {
                store(2, "deal-2", 0); // the gap fills during the round...
                store(4, "deal-2", 1); // ...and the aggregate's next event commits right after it
            }
        };

        relay.publishBatch();
        relay.publishBatch();

        assertThat(sequencesOf("deal-2")).containsExactly(0, 1);
    }

    @Test
    void aGapThatNeverFillsIsGivenUpAfterTheTimeout() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        store(3, "deal-3", 0); // index 2 was rolled back
        relay.publishBatch();
        assertThat(storedPosition()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        relay.publishBatch();

        assertThat(storedPosition()).isEqualTo(3);
        assertThat(keys()).containsExactly("deal-1", "deal-3");
    }

    @Test
    void aCommitLandingAfterItsGapWasGivenUpIsStillPublished() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        store(3, "deal-3", 0); // index 2 belongs to a transaction that takes minutes to commit
        relay.publishBatch();
        clock.advance(Duration.ofSeconds(61));
        relay.publishBatch();
        assertThat(storedPosition()).isEqualTo(3);

        store(2, "deal-2", 0);
        clock.advance(Duration.ofSeconds(11));
        relay.publishBatch();

        assertThat(keys()).containsExactly("deal-1", "deal-3", "deal-2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM publication_abandoned_gap", Integer.class)).isZero();
    }

    @Test
    void aLateCommitIntoAGapGivenUpOnGoesOutBeforeItsAggregatesNextEvent() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        store(3, "deal-3", 0);
        relay.publishBatch();
        clock.advance(Duration.ofSeconds(61));
        relay.publishBatch(); // index 2 given up on; the next re-check of given-up gaps is 10 s away

        store(2, "deal-2", 0);
        store(4, "deal-2", 1);
        while (relay.publishBatch()) {
            // a held-back event asks for another round at once
        }

        assertThat(sequencesOf("deal-2")).containsExactly(0, 1);
    }

    @Test
    void afterAFailedSendEverythingAboveTheStoredPositionIsSentAgain() throws Exception {
        PublicationRelay relay = relay();
        store(1, "deal-1", 0);
        relay.publishBatch();
        store(2, "deal-2", 0);
        producer.sendException = new KafkaException("broker unreachable");

        assertThatThrownBy(relay::publishBatch).isInstanceOf(KafkaException.class);
        assertThat(storedPosition()).isEqualTo(1);

        producer.sendException = null;
        relay.publishBatch();
        assertThat(keys()).endsWith("deal-2");
        assertThat(storedPosition()).isEqualTo(2);
    }

    @Test
    void aRestartedRelayResumesFromTheStoredPositionWithoutSkipping() throws Exception {
        store(1, "deal-1", 0);
        store(2, "deal-2", 0);
        relay().publishBatch();
        new PublicationPosition(jdbc).release(ownerOf());
        store(3, "deal-3", 0);

        producer.clear();
        relay().publishBatch();

        assertThat(keys()).containsExactly("deal-3");
    }

    @Test
    void onlyTheHolderOfTheLeasePublishes() throws Exception {
        store(1, "deal-1", 0);
        relay().publishBatch();
        MockProducer<String, String> second = new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer());
        store(2, "deal-2", 0);

        relay(second).publishBatch();
        assertThat(second.history()).isEmpty();

        clock.advance(Duration.ofSeconds(11)); // the first holder stopped renewing
        relay(second).publishBatch();
        assertThat(second.history()).extracting(ProducerRecord::key).containsExactly("deal-2");
    }

    private PublicationRelay relay() {
        return relay(producer);
    }

    private PublicationRelay relay(MockProducer<String, String> target) {
        KafkaTopic topic = new KafkaTopic(properties.kafka()) {
            @Override
            void ensureExists() {
                // the in-memory producer needs no topic
            }
        };
        return new PublicationRelay(new StoredEvents(jdbc), new PublicationPosition(jdbc), new EnvelopeWriter(),
                target, topic, properties, new SimpleMeterRegistry(), clock);
    }

    private String ownerOf() {
        return jdbc.queryForObject("SELECT owner FROM event_publication WHERE name = 'kafka'", String.class);
    }

    private long storedPosition() {
        return jdbc.queryForObject("SELECT position FROM event_publication WHERE name = 'kafka'", Long.class);
    }

    private List<Integer> sequencesOf(String aggregateId) {
        return producer.history().stream().filter(record -> record.key().equals(aggregateId))
                .map(record -> record.value().contains("\"sequence\":0") ? 0 : 1).toList();
    }

    private List<String> keys() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    private void store(long globalIndex, String aggregateId, long sequence) {
        String type = sequence == 0 ? "DealOpened" : "DealStageMoved";
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                        + "eventIdentifier, metaData, payload, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                globalIndex, aggregateId, sequence, "Deal", UUID.randomUUID().toString(),
                "{\"channel\":\"API\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"dealId\":\"" + aggregateId + "\"}").getBytes(StandardCharsets.UTF_8),
                "dev.eventcrm.events.deal." + type, clock.instant().toString());
    }
}
