package dev.eventcrm.command.publication;

import dev.eventcrm.command.CommandServiceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against rolled-back inserts, which leave permanent holes in the global index: over the PostgreSQL named
 * by CRM_TEST_POSTGRES_URL (in a schema of its own; CI sets it, and an unreachable server fails the test), else over
 * H2. Concurrent writers commit and roll back while the relay runs; prints what the holes cost.
 */
class PublicationRelayHolesTest {

    private static final int BATCH = 100;
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandServiceProperties properties = new CommandServiceProperties(
            new CommandServiceProperties.EventStore("jdbc:h2:mem:unused", null, null, 1),
            new CommandServiceProperties.Kafka("unused:9092", "crm.events", 1, (short) 1, Duration.ofDays(7)),
            new CommandServiceProperties.Publication(true, BATCH, Duration.ofMillis(500), Duration.ofMillis(20),
                    Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10)),
            new CommandServiceProperties.Commands("system", Duration.ofMinutes(5)));
    private final Map<String, Long> committedSequences = new ConcurrentHashMap<>();
    private final Set<Long> holes = ConcurrentHashMap.newKeySet();
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private String schema;
    private String database;

    @BeforeEach
    void eventStore() {
        String postgres = System.getenv("CRM_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            schema = "relay_holes_" + UUID.randomUUID().toString().replace("-", "");
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(postgres);
            pg.setCurrentSchema(schema);
            dataSource = pg;
            database = "PostgreSQL";
            Flyway.configure().dataSource(pg).schemas(schema).locations("classpath:db/migration/postgresql")
                    .load().migrate();
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:relay-holes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
            database = "H2";
            Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
        }
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void everyCommittedEventIsPublishedOnceInOrderAndHolesCostABoundedNumberOfReads() throws Exception {
        MockProducer<String, String> producer = producer();
        PublicationRelay relay = relay(producer);

        writeConcurrently(4, 200, 10, relay, true);
        drain(relay);
        assertThat(holes).hasSize(80);
        assertPublishedOnceInOrder(producer.history());

        // idle now, with the holes open: each round is a read spent on them, until they are given up on
        double readsBefore = reads();
        Instant idleSince = clock.instant();
        while (Duration.between(idleSince, clock.instant()).compareTo(Duration.ofSeconds(62)) < 0) {
            Duration delay = relay.pollDelay();
            clock.advance(delay.isZero() ? Duration.ofMillis(1) : delay);
            relay.publishBatch();
        }
        long idleReads = Math.round(reads() - readsBefore);
        System.out.printf("[relay-holes %s] %d rolled-back inserts open together: %d reads while idle until "
                + "given up after 60 s (a fixed 20 ms poll: ~3,000)%n", database, holes.size(), idleReads);
        assertThat(idleReads).isLessThan(200);
        long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        assertThat(jdbc.queryForObject("SELECT position FROM event_publication", Long.class)).isEqualTo(last);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM publication_abandoned_gap", Long.class))
                .isEqualTo(holes.stream().filter(hole -> hole < last).count()); // one on top is no gap yet
    }

    @Test
    void aRestartAfterACrashRePublishesAtMostABatchAndAfterAStopNothing() throws Exception {
        MockProducer<String, String> first = producer();
        PublicationRelay crashed = relay(first);
        writeConcurrently(4, 150, 7, crashed, true);
        drain(crashed);
        clock.advance(Duration.ofSeconds(2)); // the holes are no longer young: recorded, so the position passes them
        crashed.publishBatch();
        writeConcurrently(2, 150, 5, crashed, true); // and new young holes, with rows beyond them, at the moment of the crash
        long aboveOldestOpenHole = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?",
                Long.class, holes.stream().min(Long::compare).orElseThrow());

        clock.advance(Duration.ofSeconds(11)); // the crashed relay's lease runs out
        MockProducer<String, String> second = producer();
        PublicationRelay restarted = relay(second);
        drain(restarted);
        long rePublished = overlap(first.history(), second.history());
        System.out.printf("[relay-holes %s] crash with %d holes open: %d records re-published after the restart "
                + "(a position held at the oldest open hole: %d)%n", database, holes.size(), rePublished,
                aboveOldestOpenHole);
        assertThat(rePublished).isLessThanOrEqualTo(2L * BATCH);
        List<ProducerRecord<String, String>> all = new ArrayList<>(first.history());
        all.addAll(second.history());
        assertPublishedAtLeastOnceInOrder(all);

        restarted.start();
        writeConcurrently(2, 50, 5, restarted, false); // its own thread publishes
        long committed = committedSequences.values().stream().mapToLong(last -> last + 1).sum();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<String> ids = distinctEventIds(first.history());
            ids.addAll(distinctEventIds(second.history()));
            return ids.size() >= committed;
        });
        restarted.stop();
        MockProducer<String, String> third = producer();
        drain(relay(third));
        System.out.printf("[relay-holes %s] graceful stop with holes open: %d records re-published after the "
                + "restart%n", database, third.history().size());
        assertThat(third.history()).isEmpty();
    }

    /**
     * Writers each own a few deals and append their next event in a transaction of its own; every
     * {@code rollbackEvery}-th transaction inserts and rolls back, leaving a hole. The relay is woken on each commit
     * and, when {@code drive}, runs its rounds on this thread meanwhile.
     */
    private void writeConcurrently(int writers, int transactionsEach, int rollbackEvery, PublicationRelay relay,
                                   boolean drive) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(CompletableFuture.runAsync(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    for (int t = 1; t <= transactionsEach; t++) {
                        String deal = "deal-" + run + "-" + writer + "-" + (t % 5);
                        long sequence = committedSequences.getOrDefault(deal, -1L) + 1;
                        long index = insert(connection, deal, sequence);
                        if (t % rollbackEvery == 0) {
                            connection.rollback();
                            holes.add(index);
                        } else {
                            connection.commit();
                            committedSequences.put(deal, sequence);
                            relay.eventsCommitted();
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        while (drive && !all.isDone()) {
            relay.publishBatch(); // the relay reads while the writers commit out of order
        }
        all.join();
        pool.shutdown();
    }

    private static long insert(Connection connection, String deal, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry "
                + "(aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload, payloadType, "
                + "timeStamp) VALUES (?, ?, 'Deal', ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, deal);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, ("{\"dealId\":\"" + deal + "\"}").getBytes(StandardCharsets.UTF_8));
            insert.setString(6, "dev.eventcrm.events.deal." + (sequence == 0 ? "DealOpened" : "DealStageMoved"));
            insert.setString(7, Instant.now().toString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void drain(PublicationRelay relay) throws Exception {
        int rounds = 0;
        while (relay.publishBatch() | rounds++ < 2) {
            // until a round finds nothing more (and two at least, so that gaps filled meanwhile are read)
        }
    }

    private void assertPublishedOnceInOrder(List<ProducerRecord<String, String>> records) {
        assertThat(records).hasSize(Math.toIntExact(
                committedSequences.values().stream().mapToLong(last -> last + 1).sum()));
        assertThat(distinctEventIds(records)).hasSize(records.size());
        assertPublishedAtLeastOnceInOrder(records);
    }

    /** Each deal's sequences appear in order, each committed one at least once (a re-sent run starts over). */
    private void assertPublishedAtLeastOnceInOrder(List<ProducerRecord<String, String>> records) {
        Map<String, List<Long>> perDeal = new HashMap<>();
        for (ProducerRecord<String, String> record : records) {
            perDeal.computeIfAbsent(record.key(), deal -> new ArrayList<>()).add(field(SEQUENCE, record));
        }
        assertThat(perDeal.keySet()).isEqualTo(committedSequences.keySet());
        perDeal.forEach((deal, sequences) -> {
            long expected = 0;
            for (long sequence : sequences) {
                assertThat(sequence).as("deal %s published %s", deal, sequences).isLessThanOrEqualTo(expected);
                expected = Math.max(expected, sequence + 1);
            }
            assertThat(expected - 1).isEqualTo(committedSequences.get(deal));
        });
    }

    private static Set<String> distinctEventIds(List<ProducerRecord<String, String>> records) {
        Set<String> ids = new HashSet<>();
        for (ProducerRecord<String, String> record : List.copyOf(records)) {
            Matcher id = EVENT_ID.matcher(record.value());
            assertThat(id.find()).isTrue();
            ids.add(id.group(1));
        }
        return ids;
    }

    private static long overlap(List<ProducerRecord<String, String>> first, List<ProducerRecord<String, String>> second) {
        Set<String> ids = distinctEventIds(first);
        ids.retainAll(distinctEventIds(second));
        return ids.size();
    }

    private static long field(Pattern pattern, ProducerRecord<String, String> record) {
        Matcher matcher = pattern.matcher(record.value());
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private double reads() {
        return meters.get("crm.publication.reads").counter().count();
    }

    private static MockProducer<String, String> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    }

    private PublicationRelay relay(MockProducer<String, String> producer) {
        KafkaTopic topic = new KafkaTopic(properties.kafka()) {
            @Override
            void ensureExists() {
                // the in-memory producer needs no topic
            }
        };
        return new PublicationRelay(new StoredEvents(jdbc), new PublicationPosition(jdbc), new EnvelopeWriter(),
                producer, topic, properties, meters, clock);
    }
}
