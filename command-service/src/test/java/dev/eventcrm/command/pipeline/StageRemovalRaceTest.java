package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.dispatch.EventStoreUnderTest;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.PipelineStage;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deal entering a stage and the removal of that stage, forced to overlap: whichever holds the stage first, the
 * other waits for its commit and then sees it. Runs on PostgreSQL (advisory locks) when CRM_TEST_POSTGRES_URL is set,
 * else on H2 (a lock in this JVM).
 */
class StageRemovalRaceTest {

    private static final List<PipelineStage> WITHOUT_PROPOSAL = DealStages.DEFAULT_STAGES.stream()
            .filter(stage -> !stage.id().equals("PROPOSAL")).toList();

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private JdbcPipelines pipelines;

    @BeforeEach
    void eventStore() {
        String url = EventStoreUnderTest.freshUrl("stages");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource)
                .locations(EventStoreUnderTest.postgres() ? "classpath:db/migration/postgresql"
                        : "classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        pipelines = new JdbcPipelines(jdbc, EventStoreUnderTest.postgres(), Duration.ofSeconds(5));
        transaction.executeWithoutResult(status -> pipelines.created("default", DealStages.DEFAULT_STAGES));
    }

    @Test
    void aDealThatArrivesWhileItsStageIsBeingRemovedFindsTheStageGone() throws Exception {
        CountDownLatch removedUncommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            pipelines.requireNoDeals("default", "PROPOSAL");
            pipelines.restaged("default", WITHOUT_PROPOSAL);
            removedUncommitted.countDown();
            await(commit);
        }));
        assertThat(removedUncommitted.await(10, TimeUnit.SECONDS)).isTrue();

        Thread[] enteringThread = new Thread[1];
        CompletableFuture<Boolean> entered = CompletableFuture.supplyAsync(() -> {
            enteringThread[0] = Thread.currentThread();
            return transaction.execute(s -> pipelines.enter("d1", "default", "PROPOSAL"));
        });
        waitUntilBlocked(enteringThread);
        commit.countDown();

        removal.get(10, TimeUnit.SECONDS);
        assertThat(entered.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(jdbc.queryForList("SELECT deal_id FROM deal_position", String.class)).isEmpty();
    }

    @Test
    void theRemovalOfAStageThatADealIsEnteringWaitsAndIsRefused() throws Exception {
        CountDownLatch enteredUncommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Boolean> entered = CompletableFuture.supplyAsync(() -> transaction.execute(s -> {
            boolean result = pipelines.enter("d1", "default", "PROPOSAL");
            enteredUncommitted.countDown();
            await(commit);
            return result;
        }));
        assertThat(enteredUncommitted.await(10, TimeUnit.SECONDS)).isTrue();

        Thread[] removingThread = new Thread[1];
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
            removingThread[0] = Thread.currentThread();
            transaction.executeWithoutResult(s -> {
                pipelines.requireNoDeals("default", "PROPOSAL");
                pipelines.restaged("default", WITHOUT_PROPOSAL);
            });
        });
        waitUntilBlocked(removingThread);
        commit.countDown();

        assertThat(entered.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> removal.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RuleViolation.class)
                .cause().hasMessageContaining("holds 1 deal");
        assertThat(jdbc.queryForList("SELECT stage_id FROM pipeline_stage WHERE pipeline_id = 'default'",
                String.class)).contains("PROPOSAL");
    }

    /** Until the thread waits for the stage lock: parked in this JVM (H2), or an ungranted advisory lock (PG). */
    private void waitUntilBlocked(Thread[] thread) {
        Awaitility.await("the second transaction waiting for the stage lock").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> EventStoreUnderTest.postgres()
                        ? jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND NOT granted", Integer.class) > 0
                        : thread[0] != null && thread[0].getState() == Thread.State.WAITING);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
