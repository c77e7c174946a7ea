package dev.eventcrm.command.publication;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Raw reads of the event store, in global or per-aggregate order. */
@Component
public class StoredEvents {

    private static final String COLUMNS = "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, payloadType, payload, metaData, timeStamp FROM DomainEventEntry ";
    private static final RowMapper<StoredEvent> ROW = (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8),
            rs.getString(9));

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredEvent> after(long globalIndex, int limit) {
        return jdbc.query(COLUMNS + "WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?", ROW, globalIndex, limit);
    }

    List<StoredEvent> at(Collection<Long> globalIndexes) {
        String in = globalIndexes.stream().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.query(COLUMNS + "WHERE globalIndex IN (" + in + ") ORDER BY globalIndex", ROW);
    }

    /** The highest global index stored, 0 when the store is empty. */
    long headIndex() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
    }

    List<StoredEvent> ofAggregate(String aggregateId, long fromSequence) {
        return jdbc.query(COLUMNS + "WHERE aggregateIdentifier = ? AND sequenceNumber >= ? ORDER BY sequenceNumber",
                ROW, aggregateId, fromSequence);
    }
}
