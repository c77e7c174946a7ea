package dev.eventcrm.command.publication;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Raw reads of the event store, in global or per-aggregate order. */
@Component
public class StoredEvents {

    private static final String COLUMN_LIST = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, payloadType, payload, metaData, timeStamp";
    private static final String COLUMNS = "SELECT " + COLUMN_LIST + " FROM DomainEventEntry ";
    private static final RowMapper<StoredEvent> ROW = (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8),
            rs.getString(9));

    private static final RowMapper<PendingEvent> PENDING = (rs, i) -> new PendingEvent(ROW.mapRow(rs, i),
            rs.getLong(10), rs.getObject(11) != null);

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The relay's read, as ONE statement so that it sees one snapshot: the first {@code limit} rows after
     * {@code after}, the rows now stored at the given gap indexes (a bounded list), and, when asked, at every index
     * recorded as abandoned; each with the index of its aggregate's previous event and whether that index was
     * given up on. In global-index order.
     */
    List<PendingEvent> pending(long after, int limit, List<Long> gapIndexes, boolean withAbandoned) {
        List<Object> args = new ArrayList<>();
        StringBuilder rows = new StringBuilder("(" + COLUMNS + "WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?)");
        args.add(after);
        args.add(limit);
        if (!gapIndexes.isEmpty()) {
            rows.append(" UNION ALL (" + COLUMNS + "WHERE globalIndex IN (")
                    .append(String.join(",", Collections.nCopies(gapIndexes.size(), "?"))).append("))");
            args.addAll(gapIndexes);
        }
        if (withAbandoned) {
            rows.append(" UNION ALL (SELECT e.globalIndex, e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber,"
                    + " e.type, e.payloadType, e.payload, e.metaData, e.timeStamp FROM publication_abandoned_gap g"
                    + " JOIN DomainEventEntry e ON e.globalIndex = g.global_index)");
        }
        String sql = "SELECT r.*, p.globalIndex, a.global_index FROM (" + rows
                + ") r LEFT JOIN DomainEventEntry p ON p.aggregateIdentifier = r.aggregateIdentifier"
                + " AND p.sequenceNumber = r.sequenceNumber - 1"
                + " LEFT JOIN publication_abandoned_gap a ON a.global_index = p.globalIndex ORDER BY r.globalIndex";
        return jdbc.query(sql, PENDING, args.toArray());
    }

    /** The event log: the first {@code limit} events after {@code after}, in global-index order (rebuilds read it). */
    List<StoredEvent> after(long after, int limit) {
        return jdbc.query(COLUMNS + "WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?", ROW, after, limit);
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
