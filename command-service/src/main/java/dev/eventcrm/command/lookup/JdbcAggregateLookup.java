package dev.eventcrm.command.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.command.eventstore.AggregateProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link AggregateLookup} in the event store's database. The JdbcTemplate joins the transaction the command runs in,
 * so the row commits or rolls back with the aggregate's first event.
 * <p>
 * Rows are never updated or deleted, so an aggregate once found exists with that type for good, on every instance:
 * found ones are remembered (bounded, like the aggregate caches) and every command on a known deal skips the SELECT.
 * A row is remembered only once the transaction that read it has committed: within the creating transaction the
 * row is visible before it may roll back. Misses are not remembered: the aggregate may be created a moment later.
 */
@Component
class JdbcAggregateLookup implements AggregateLookup {

    private final JdbcTemplate jdbc;
    private final Cache<String, Boolean> found;

    JdbcAggregateLookup(JdbcTemplate jdbc, AggregateProperties properties) {
        this.jdbc = jdbc;
        this.found = Caffeine.newBuilder().maximumSize(properties.cacheSize()).build();
    }

    @Override
    public void register(String aggregateId, String aggregateType) {
        jdbc.update("INSERT INTO aggregate_lookup (aggregate_id, aggregate_type) VALUES (?, ?)",
                aggregateId, aggregateType);
    }

    @Override
    public boolean exists(String aggregateId, String aggregateType) {
        String key = aggregateType + ":" + aggregateId;
        if (found.getIfPresent(key) != null) {
            return true;
        }
        boolean exists = !jdbc.queryForList(
                "SELECT 1 FROM aggregate_lookup WHERE aggregate_id = ? AND aggregate_type = ?",
                Integer.class, aggregateId, aggregateType).isEmpty();
        if (exists) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        found.put(key, Boolean.TRUE);
                    }
                });
            } else {
                found.put(key, Boolean.TRUE);
            }
        }
        return exists;
    }
}
