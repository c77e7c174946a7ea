package dev.eventcrm.command.dispatch;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.deal.MoveDealStage;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import dev.eventcrm.command.eventstore.AggregateCaching;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races on the command path, with the interleavings forced by hooks: the first command holds its aggregate lock and
 * its open transaction until the competing requests are provably waiting. Runs on PostgreSQL when
 * CRM_TEST_POSTGRES_URL is set (CI), otherwise on H2.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.publication.enabled=false", "axon.axonserver.enabled=false",
                "crm.eventstore.max-pool-size=" + CommandRacesTest.POOL})
@Import(CommandRacesTest.FailingAnswers.class)
class CommandRacesTest {

    static final int POOL = 16;
    static final int REQUESTS = 32;
    static final String EVENT_STORE = EventStoreUnderTest.freshUrl("races");

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        registry.add("crm.eventstore.url", () -> EVENT_STORE);
    }

    /**
     * Fails the write of an Idempotency-Key's answer on demand: a failure after the command's events were applied.
     * Imported, not annotated, so that component scanning of other tests' contexts never picks it up.
     */
    static class FailingAnswers {
        static final AtomicBoolean fail = new AtomicBoolean();

        @Bean
        @Primary
        IdempotencyStore failingIdempotencyStore(JdbcTemplate jdbc, dev.eventcrm.command.CommandServiceProperties
                properties, DispatchProperties dispatch) {
            return new IdempotencyStore(jdbc, properties, dispatch) {
                @Override
                void answer(String scope, int status, String body) {
                    if (fail.get()) {
                        throw new IllegalStateException("answer lost (test)");
                    }
                    super.answer(scope, status, body);
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Registration> hooks = new ArrayList<>();

    record Answer(int status, String body) {
    }

    @AfterEach
    void removeHooks() {
        hooks.forEach(Registration::cancel);
        FailingAnswers.fail.set(false);
    }

    @Test
    void concurrentRequestsWithOneKeyAllGetTheFirstAnswerAndStoreOneEvent() throws Exception {
        String dealId = openDeal(createContact(port), port);
        String key = UUID.randomUUID().toString();
        // the winner keeps its claim uncommitted until every other request with a connection waits on that claim
        holdFirstCommandUntil(() -> sessionsClaiming("idempotency_key") >= POOL - 1);

        List<Answer> answers = concurrently(REQUESTS, i -> post(port, "/api/v1/deals/" + dealId + "/stage",
                "{\"stage\":\"QUALIFIED\"}", Map.of("Idempotency-Key", key)));

        assertThat(answers).extracting(Answer::status).containsOnly(200);
        assertThat(answers.stream().map(answer -> json.readTree(answer.body())).distinct()).hasSize(1);
        assertThat(json.readTree(answers.get(0).body()).path("version").asLong()).isEqualTo(1);
        assertThat(storedSequences(dealId)).containsExactly(0L, 1L);
    }

    /** The same with a command the model refuses: every request gets the one stored refusal, nothing is stored. */
    @Test
    void concurrentRequestsWithOneKeyForARefusedCommandAllGetTheSameRefusal() throws Exception {
        String dealId = openDeal(createContact(port), port);
        String key = UUID.randomUUID().toString();
        holdFirstCommandUntil(() -> sessionsClaiming("idempotency_key") >= POOL - 1);

        List<Answer> answers = concurrently(REQUESTS, i -> post(port, "/api/v1/deals/" + dealId + "/stage",
                "{\"stage\":\"NEW\"}", Map.of("Idempotency-Key", key)));

        assertThat(answers).extracting(Answer::status).containsOnly(409);
        assertThat(answers.stream().map(answer -> json.readTree(answer.body())).distinct()).hasSize(1);
        assertThat(json.readTree(answers.get(0).body()).path("type").asString()).endsWith("/stage-unchanged");
        assertThat(storedSequences(dealId)).containsExactly(0L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE scope LIKE ? AND status = 409",
                Integer.class, "% " + key)).isEqualTo(1);
    }

    @Test
    void concurrentCreatesOfOnePersonHaveOneWinnerAndEveryOtherAnswerNamesIt() throws Exception {
        long contactsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM aggregate_lookup WHERE aggregate_type = ?",
                Long.class, "Contact");
        // the winner keeps its claim uncommitted until every other request with a connection waits on it
        holdFirstCommandUntil(() -> sessionsClaiming("contact_identity") >= POOL - 1);

        List<Answer> answers = concurrently(REQUESTS, i -> post(port, "/api/v1/contacts",
                "{\"name\":\"Anna\",\"phones\":[\"" + (i % 2 == 0 ? "8 (912) 555-44-33" : "+7 912 555 44 33")
                        + "\"],\"ownerId\":\"m1\"}", Map.of()));

        List<Answer> created = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(created).hasSize(1);
        String winner = json.readTree(created.get(0).body()).path("id").asString();
        List<Answer> refused = answers.stream().filter(answer -> answer.status() != 201).toList();
        assertThat(refused).hasSize(REQUESTS - 1).extracting(Answer::status).containsOnly(409);
        assertThat(refused).allSatisfy(answer -> {
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.path("type").asString()).isEqualTo("https://eventcrm.dev/problems/duplicate-contact");
            assertThat(problem.path("existingId").asString()).isEqualTo(winner);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM aggregate_lookup WHERE aggregate_type = ?", Long.class,
                "Contact")).isEqualTo(contactsBefore + 1);
    }

    @Test
    void concurrentUpdatesWithOneIfMatchHaveOneWinnerAndTheSamePreconditionFailureForAllOthers() throws Exception {
        String dealId = openDeal(createContact(port), port);
        AtomicInteger dispatched = new AtomicInteger();
        hooks.add(commandBus.registerDispatchInterceptor(messages -> {
            dispatched.addAndGet(messages.size());
            return (index, message) -> message;
        }));
        // the winner holds the deal's lock (and its uncommitted event) until all requests with a connection are sent
        holdFirstCommandUntil(() -> dispatched.get() >= POOL);

        List<Answer> answers = concurrently(REQUESTS, i -> post(port, "/api/v1/deals/" + dealId + "/stage",
                "{\"stage\":\"" + (i % 2 == 0 ? "QUALIFIED" : "PROPOSAL") + "\"}", Map.of("If-Match", "\"0\"")));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        List<Answer> refused = answers.stream().filter(answer -> answer.status() != 200).toList();
        assertThat(refused).hasSize(REQUESTS - 1).extracting(Answer::status).containsOnly(412);
        assertThat(refused.stream().map(answer -> json.readTree(answer.body()).path("type").asString()).distinct())
                .containsExactly("https://eventcrm.dev/problems/precondition-failed");
        assertThat(storedSequences(dealId)).containsExactly(0L, 1L);
    }

    @Test
    void aCommandFailingAfterItsEventsWereAppliedLeavesNoTraceInTheCachedAggregate() throws Exception {
        String dealId = openDeal(createContact(port), port);
        post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}", Map.of());

        // fails in the request's own transaction after the nested unit of work applied and staged the event
        FailingAnswers.fail.set(true);
        Answer failed = post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        FailingAnswers.fail.set(false);
        assertThat(failed.status()).isEqualTo(500);

        // a cached aggregate left in PROPOSAL at version 2 would refuse this as stage-unchanged, or answer version 3
        Answer next = post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}", Map.of());
        assertThat(next.status()).isEqualTo(200);
        assertThat(json.readTree(next.body()).path("version").asLong()).isEqualTo(2);
        assertThat(storedSequences(dealId)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aCommandFailingInsideItsHandlerLeavesNoTraceInTheCachedAggregate() throws Exception {
        String dealId = openDeal(createContact(port), port);
        AtomicBoolean fail = new AtomicBoolean(true);
        hooks.add(commandBus.registerHandlerInterceptor((MessageHandlerInterceptor<CommandMessage<?>>) (uow, chain) -> {
            Object result = chain.proceed();
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("handler failed after applying its event (test)");
            }
            return result;
        }));

        assertThat(post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"WON\"}", Map.of()).status())
                .isEqualTo(500);

        Answer next = post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}", Map.of());
        assertThat(next.status()).isEqualTo(200);
        assertThat(json.readTree(next.body()).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void aLongDealIsRestoredFromItsSnapshotWhenItIsNotCached(@Autowired @Qualifier(AggregateCaching.DEAL_CACHE)
                                                             Cache dealCache) throws Exception {
        String dealId = openDeal(createContact(port), port);
        for (int i = 1; i <= 120; i++) {
            post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"" + (i % 2 == 1 ? "QUALIFIED" : "PROPOSAL")
                    + "\"}", Map.of());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", Integer.class, dealId) > 0);
        dealCache.removeAll();

        Answer moved = post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"NEGOTIATION\"}", Map.of());
        assertThat(moved.status()).isEqualTo(200);
        assertThat(json.readTree(moved.body()).path("version").asLong()).isEqualTo(121);
        Answer again = post(port, "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"NEGOTIATION\"}", Map.of());
        assertThat(json.readTree(again.body()).path("type").asString())
                .isEqualTo("https://eventcrm.dev/problems/stage-unchanged");
    }

    @Test
    void aDealCommandToAnotherKindOfRecordIsNotFound() throws Exception {
        String contactId = createContact(port);
        Answer answer = post(port, "/api/v1/deals/" + contactId + "/stage", "{\"stage\":\"QUALIFIED\"}", Map.of());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(json.readTree(answer.body()).path("type").asString())
                .isEqualTo("https://eventcrm.dev/problems/not-found");
        assertThat(storedSequences(contactId)).containsExactly(0L);
    }

    @Test
    void ifMatchAcceptsTheStrongTagTheBareNumberAndAnyAndRefusesAWeakTag() throws Exception {
        String dealId = openDeal(createContact(port), port);
        String path = "/api/v1/deals/" + dealId + "/stage";
        assertThat(post(port, path, "{\"stage\":\"QUALIFIED\"}", Map.of("If-Match", "\"0\"")).status()).isEqualTo(200);
        assertThat(post(port, path, "{\"stage\":\"PROPOSAL\"}", Map.of("If-Match", "1")).status()).isEqualTo(200);
        assertThat(post(port, path, "{\"stage\":\"NEGOTIATION\"}", Map.of("If-Match", "*")).status()).isEqualTo(200);
        Answer weak = post(port, path, "{\"stage\":\"QUALIFIED\"}", Map.of("If-Match", "W/\"3\""));
        assertThat(weak.status()).isEqualTo(412);
        assertThat(weak.body()).contains("precondition-failed");
        assertThat(storedSequences(dealId)).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void expiredIdempotencyKeysArePurged(@Autowired IdempotencyStore store) {
        jdbc.update("INSERT INTO idempotency_key (scope, request_hash, status, body, created_at) VALUES "
                + "('old', 'h', 200, '{}', CURRENT_TIMESTAMP - INTERVAL '25' HOUR), "
                + "('new', 'h', 200, '{}', CURRENT_TIMESTAMP)");

        store.purgeExpired();

        assertThat(jdbc.queryForList("SELECT scope FROM idempotency_key WHERE scope IN ('old', 'new')", String.class))
                .containsExactly("new");
    }

    /**
     * Two command-service instances over one event store, each with its own aggregate cache and locks: the case the
     * database's unique (aggregate, sequence) key must turn into a retried conflict, never a 500.
     */
    @Test
    void manyConnectionsMovingAFewDealsAtRandomThroughTwoInstancesNeverFailAndStoreEveryAcceptedMoveOnce()
            throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("server.port=0", "crm.publication.enabled=false", "axon.axonserver.enabled=false",
                        "crm.eventstore.url=" + EVENT_STORE, "crm.eventstore.max-pool-size=" + POOL,
                        "spring.flyway.enabled=false")
                .run()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            String contactId = createContact(port);
            List<String> deals = List.of(openDeal(contactId, port), openDeal(contactId, port), openDeal(contactId, port));
            List<String> stages = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION");

            record Move(String dealId, String stage, Answer answer) {
            }
            List<List<Move>> perWorker = concurrently(16, worker -> {
                List<Move> moves = new ArrayList<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 40; i++) {
                    String dealId = deals.get(random.nextInt(deals.size()));
                    String stage = stages.get(random.nextInt(stages.size()));
                    int target = (worker + i) % 2 == 0 ? port : secondPort;
                    moves.add(new Move(dealId, stage, post(target, "/api/v1/deals/" + dealId + "/stage",
                            "{\"stage\":\"" + stage + "\"}", Map.of())));
                }
                return moves;
            });

            List<Move> moves = perWorker.stream().flatMap(List::stream).toList();
            assertThat(moves).extracting(move -> move.answer().status()).allMatch(status -> status < 500);
            // 409 is allowed (stage-unchanged, or a conflict after the bounded retries); every 200 is one stored event
            List<Move> accepted = moves.stream().filter(move -> move.answer().status() == 200).toList();
            Set<String> acceptedEvents = new HashSet<>();
            for (Move move : accepted) {
                long version = json.readTree(move.answer().body()).path("version").asLong();
                assertThat(acceptedEvents.add(move.dealId() + "#" + version)).as("one answer per stored event").isTrue();
                String payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND sequenceNumber = ?", (rs, i) -> new String(rs.getBytes(1)), move.dealId(), version);
                assertThat(json.readTree(payload).path("to").asString()).isEqualTo(move.stage());
            }
            Integer stored = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier IN "
                    + "(?, ?, ?) AND sequenceNumber > 0", Integer.class, deals.toArray());
            assertThat(stored).isEqualTo(accepted.size());
            Map<String, Long> refusals = moves.stream().filter(move -> move.answer().status() != 200)
                    .collect(Collectors.groupingBy(move -> move.answer().status() + " "
                            + json.readTree(move.answer().body()).path("type").asString(), Collectors.counting()));
            double retried = Stream.of(meters, second.getBean(MeterRegistry.class))
                    .mapToDouble(registry -> registry.counter("crm.commands.conflicts", "outcome", "retried").count())
                    .sum();
            System.out.printf("two instances: %d of %d moves accepted; refused: %s; conflicts retried: %.0f%n",
                    accepted.size(), moves.size(), refusals, retried);
            // the stale caches collided on the unique (aggregate, sequence) key, and each collision was retried
            assertThat(retried).isPositive();
            assertThat(refusals.keySet()).allMatch(refusal -> refusal.startsWith("409 "));
        }
    }

    /**
     * WebFlux cancels a request's answer when its client hangs up (wrk closing its connections did that mid-command):
     * the command still runs to its end, its thread never interrupted, and its event is stored.
     */
    @Test
    void aCommandWhoseClientHangsUpRunsToItsEndUninterrupted(@Autowired CommandDispatcher dispatcher)
            throws Exception {
        String dealId = openDeal(createContact(port), port);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        hooks.add(commandBus.registerHandlerInterceptor((MessageHandlerInterceptor<CommandMessage<?>>) (uow, chain) -> {
            if (uow.getMessage().getPayload() instanceof MoveDealStage move && move.dealId().equals(dealId)) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            return chain.proceed();
        }));

        Disposable answer = dispatcher.dispatch(MockServerHttpRequest.post("/api/v1/deals/" + dealId + "/stage")
                        .build(), Map.of("stage", "QUALIFIED"), new MoveDealStage(dealId, "QUALIFIED", null),
                Instant.now(), result -> CommandResponse.updated(dealId, result)).subscribe(ok -> { }, error -> { });
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        answer.dispose(); // as WebFlux does when the connection closes: a cancel would interrupt it here
        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> storedSequences(dealId).size() == 2);
        assertThat(interrupted).isFalse();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private void holdFirstCommandUntil(Condition othersWaiting) {
        AtomicBoolean first = new AtomicBoolean(true);
        hooks.add(commandBus.registerHandlerInterceptor((MessageHandlerInterceptor<CommandMessage<?>>) (uow, chain) -> {
            try {
                return chain.proceed(); // the aggregate is loaded and locked, its event staged (or refused), nothing
                                        // committed
            } finally {
                if (first.getAndSet(false)) {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                            .until(othersWaiting::holds);
                }
            }
        }));
    }

    /** On a connection of its own: the pool is exhausted while the race is held. */
    private long sessionsClaiming(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(EVENT_STORE);
             ResultSet count = connection.createStatement()
                     .executeQuery(EventStoreUnderTest.sessionsClaimingQuery(table))) {
            count.next();
            return count.getLong(1);
        }
    }

    private List<Long> storedSequences(String aggregateId) {
        return jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", Long.class, aggregateId);
    }

    interface Request<T> {
        T send(int index) throws Exception;
    }

    /** Runs the requests on their own threads, released together by a barrier. */
    private static <T> List<T> concurrently(int count, Request<T> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit((Callable<T>) () -> {
                    start.await();
                    return request.send(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private String createContact(int target) throws Exception {
        Answer answer = post(target, "/api/v1/contacts", "{\"name\":\"Anna Petrova\",\"ownerId\":\"m1\"}", Map.of());
        assertThat(answer.status()).isEqualTo(201);
        return json.readTree(answer.body()).path("id").asString();
    }

    private String openDeal(String contactId, int target) throws Exception {
        Answer answer = post(target, "/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet\","
                + "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}", Map.of());
        assertThat(answer.status()).isEqualTo(201);
        JsonNode body = json.readTree(answer.body());
        return body.path("id").asString();
    }

    private Answer post(int target, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
