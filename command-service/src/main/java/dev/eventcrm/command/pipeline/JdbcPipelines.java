package dev.eventcrm.command.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link Pipelines} in the event store's database. A deal entering a stage and the removal of that stage take a
 * lock on the stage until their transactions end, shared for deals and exclusive for the removal, and check the
 * database only once they hold it (a new statement, so a new snapshot under READ COMMITTED): either the removal
 * sees the deal, or the deal finds the stage gone. PostgreSQL: transaction-scoped advisory locks, which are shared
 * by every instance and write nothing. The embedded H2 store serves one process, so a lock in this JVM, released
 * when the transaction completes, does the same there.
 */
@Component
class JdbcPipelines implements Pipelines {

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Cache<String, PipelineStages> cache;
    private final Map<String, ReentrantReadWriteLock> localLocks = new ConcurrentHashMap<>();

    @Autowired
    JdbcPipelines(JdbcTemplate jdbc, CommandServiceProperties properties, PipelineProperties pipelines) {
        this(jdbc, !properties.eventstore().url().startsWith("jdbc:h2:"), pipelines.stageCacheTtl());
    }

    JdbcPipelines(JdbcTemplate jdbc, boolean postgres, Duration stageCacheTtl) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.cache = Caffeine.newBuilder().expireAfterWrite(stageCacheTtl).maximumSize(10_000).build();
    }

    @Override
    public Optional<PipelineStages> find(String pipelineId) {
        PipelineStages cached = cache.getIfPresent(pipelineId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<PipelineStages.Stage> stages = jdbc.query(
                "SELECT stage_id, kind FROM pipeline_stage WHERE pipeline_id = ? ORDER BY position",
                (row, i) -> new PipelineStages.Stage(row.getString(1), StageKind.valueOf(row.getString(2))),
                pipelineId);
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        PipelineStages found = new PipelineStages(pipelineId, stages);
        // what this transaction reads may be its own uncommitted change: remember it only once committed
        afterCommit(() -> cache.put(pipelineId, found));
        return Optional.of(found);
    }

    @Override
    public void created(String pipelineId, List<PipelineStage> stages) {
        insert(pipelineId, stages, 0);
        afterCommit(() -> cache.invalidate(pipelineId));
    }

    @Override
    public void restaged(String pipelineId, List<PipelineStage> stages) {
        List<String> ids = stages.stream().map(PipelineStage::id).toList();
        List<String> stored = jdbc.queryForList("SELECT stage_id FROM pipeline_stage WHERE pipeline_id = ?",
                String.class, pipelineId);
        for (String gone : stored) {
            if (!ids.contains(gone)) {
                jdbc.update("DELETE FROM pipeline_stage WHERE pipeline_id = ? AND stage_id = ?", pipelineId, gone);
            }
        }
        for (int position = 0; position < stages.size(); position++) {
            PipelineStage stage = stages.get(position);
            if (stored.contains(stage.id())) {
                jdbc.update("UPDATE pipeline_stage SET position = ? WHERE pipeline_id = ? AND stage_id = ?",
                        position, pipelineId, stage.id());
            } else {
                insert(pipelineId, List.of(stage), position);
            }
        }
        afterCommit(() -> cache.invalidate(pipelineId));
    }

    @Override
    public boolean enter(String dealId, String pipelineId, String stageId) {
        if (postgres) {
            // the same steps as below, in one round trip (V11_3)
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT crm_enter_stage(?, ?, ?)", Boolean.class,
                    dealId, pipelineId, stageId));
        }
        lock(pipelineId, stageId, false);
        int moved = jdbc.update("UPDATE deal_position SET pipeline_id = ?, stage_id = ? WHERE deal_id = ? "
                        + "AND EXISTS (SELECT 1 FROM pipeline_stage WHERE pipeline_id = ? AND stage_id = ?)",
                pipelineId, stageId, dealId, pipelineId, stageId);
        if (moved == 1) {
            return true;
        }
        if (jdbc.queryForList("SELECT 1 FROM pipeline_stage WHERE pipeline_id = ? AND stage_id = ?", Integer.class,
                pipelineId, stageId).isEmpty()) {
            return false;
        }
        // a new deal, or one opened before positions were kept
        jdbc.update("MERGE INTO deal_position (deal_id, pipeline_id, stage_id) KEY (deal_id) VALUES (?, ?, ?)",
                dealId, pipelineId, stageId);
        return true;
    }

    @Override
    public void requireNoDeals(String pipelineId, String stageId) {
        lock(pipelineId, stageId, true);
        Integer deals = jdbc.queryForObject(
                "SELECT COUNT(*) FROM deal_position WHERE pipeline_id = ? AND stage_id = ?", Integer.class,
                pipelineId, stageId);
        if (deals != null && deals > 0) {
            throw new RuleViolation("stage-not-empty", null, "Stage " + stageId + " holds " + deals
                    + " deal(s); move them to another stage before removing it", Map.of("deals", deals));
        }
    }

    private void insert(String pipelineId, List<PipelineStage> stages, int firstPosition) {
        for (int i = 0; i < stages.size(); i++) {
            PipelineStage stage = stages.get(i);
            jdbc.update("INSERT INTO pipeline_stage (pipeline_id, stage_id, position, kind) VALUES (?, ?, ?, ?)",
                    pipelineId, stage.id(), firstPosition + i, stage.kind().name());
        }
    }

    private void lock(String pipelineId, String stageId, boolean exclusive) {
        String key = pipelineId + "/" + stageId;
        if (postgres) {
            // only the exclusive lock is taken here: crm_enter_stage takes the shared one itself
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", row -> null, key);
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a stage lock lasts until the transaction ends; none is active");
        }
        ReentrantReadWriteLock stageLock = localLocks.computeIfAbsent(key, k -> new ReentrantReadWriteLock());
        Lock held = exclusive ? stageLock.writeLock() : stageLock.readLock();
        held.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                held.unlock();
            }
        });
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
