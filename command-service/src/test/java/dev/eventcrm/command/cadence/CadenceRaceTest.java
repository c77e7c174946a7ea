package dev.eventcrm.command.cadence;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.dispatch.EventStoreUnderTest;
import dev.eventcrm.events.call.CallLogged;
import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two first unanswered calls to one contact, logged at once: a barrier inside the cadence's processor, after the
 * contact's lock, would let both transactions meet there if the lock did not hold the second back. With the lock, the
 * first waits at the barrier alone until it times out, commits, and the second finds its cadence. On PostgreSQL when
 * CRM_TEST_POSTGRES_URL is set (CI), otherwise on H2.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.publication.enabled=false", "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
@Import(CadenceRaceTest.MeetingPoint.class)
class CadenceRaceTest {

    static final String EVENT_STORE = EventStoreUnderTest.freshUrl("cadence_race");
    static final CyclicBarrier BOTH_CALLS = new CyclicBarrier(2);
    static final AtomicInteger WAITED_ALONE = new AtomicInteger();

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        registry.add("crm.eventstore.url", () -> EVENT_STORE);
    }

    /** Imported, not scanned: a barrier every CallLogged passes, inside the contact's lock. */
    @TestConfiguration
    static class MeetingPoint {
        @Bean
        ConfigurerModule barrierAfterTheContactsLock() {
            return new ConfigurerModule() {
                @Override
                public void configureModule(org.axonframework.config.Configurer configurer) {
                    configurer.eventProcessing().registerHandlerInterceptor(CadenceConfiguration.PROCESSOR,
                            configuration -> (unitOfWork, chain) -> {
                                if (unitOfWork.getMessage().getPayload() instanceof CallLogged) {
                                    meet();
                                }
                                return chain.proceed();
                            });
                }

                @Override
                public int order() {
                    return 1; // after the contact's lock, registered at order 0
                }
            };
        }

        private static void meet() throws InterruptedException {
            try {
                BOTH_CALLS.await(3, TimeUnit.SECONDS);
            } catch (TimeoutException alone) {
                WAITED_ALONE.incrementAndGet();
            } catch (BrokenBarrierException afterTheOtherGaveUp) {
                // the second call, let through once the first committed
            }
        }
    }

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoFirstMissesLoggedAtOnceMakeOneCadenceWithTwoSteps() {
        String contactId = http.post().uri("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Pavel Silent", "ownerId", "m1")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        List<CompletableFuture<Integer>> calls = List.of(call(contactId), call(contactId));

        assertThat(calls).extracting(CompletableFuture::join).containsOnly(201);
        assertThat(WAITED_ALONE).as("the first call waited at the barrier alone: the second was held back")
                .hasValue(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SagaEntry WHERE sagaType LIKE '%UnansweredCallCadence'",
                Long.class)).as("one cadence for the contact").isEqualTo(1);
        List<String> followUps = jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry WHERE "
                + "payloadType = 'dev.eventcrm.events.task.TaskCreated' ORDER BY globalIndex", String.class);
        assertThat(followUps).hasSize(2);
        assertThat(followUps.get(0)).endsWith("-followup-1");
        assertThat(followUps.get(1)).endsWith("-followup-2");
    }

    private CompletableFuture<Integer> call(String contactId) {
        return CompletableFuture.supplyAsync(() -> http.post().uri("/api/v1/calls")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contactId", contactId, "direction", "OUTBOUND", "outcome", "NO_ANSWER",
                        "durationSeconds", 0, "occurredAt", Instant.now().minusSeconds(60).toString()))
                .exchange().returnResult(String.class).getStatus().value());
    }
}
