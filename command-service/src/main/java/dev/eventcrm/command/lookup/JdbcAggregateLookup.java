package dev.eventcrm.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link AggregateLookup} in the event store's database. The JdbcTemplate joins the transaction the command runs in,
 * so the row commits or rolls back with the aggregate's first event.
 */
@Component
class JdbcAggregateLookup implements AggregateLookup {

    private final JdbcTemplate jdbc;

    JdbcAggregateLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String aggregateId, String aggregateType) {
        jdbc.update("INSERT INTO aggregate_lookup (aggregate_id, aggregate_type) VALUES (?, ?)",
                aggregateId, aggregateType);
    }

    @Override
    public boolean exists(String aggregateId, String aggregateType) {
        return !jdbc.queryForList("SELECT 1 FROM aggregate_lookup WHERE aggregate_id = ? AND aggregate_type = ?",
                Integer.class, aggregateId, aggregateType).isEmpty();
    }
}
