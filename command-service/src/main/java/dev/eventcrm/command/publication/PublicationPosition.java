package dev.eventcrm.command.publication;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The relay's durable position (every event at or below it is published) and its lease, so that of several
 * command-service instances over one database only one publishes at a time.
 */
@Component
class PublicationPosition {

    private static final String NAME = "kafka";

    private final JdbcTemplate jdbc;

    PublicationPosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; returns the stored position when this owner holds it. */
    OptionalLong acquire(String owner, Instant now, Instant leaseUntil) {
        ensureRow();
        int updated = jdbc.update("UPDATE event_publication SET owner = ?, lease_until = ?, updated_at = ? "
                        + "WHERE name = ? AND (owner = ? OR owner IS NULL OR lease_until < ?)",
                owner, leaseUntil.toEpochMilli(), Timestamp.from(now), NAME, owner, now.toEpochMilli());
        if (updated == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.queryForObject(
                "SELECT position FROM event_publication WHERE name = ?", Long.class, NAME));
    }

    /** Stores the position and renews the lease; false when the lease was lost meanwhile. */
    boolean advance(String owner, long position, Instant now, Instant leaseUntil) {
        return jdbc.update("UPDATE event_publication SET position = ?, lease_until = ?, updated_at = ? "
                        + "WHERE name = ? AND owner = ?",
                position, leaseUntil.toEpochMilli(), Timestamp.from(now), NAME, owner) == 1;
    }

    /** Open gaps at or below the stored position, with when each was first seen; drops any recorded above it. */
    Map<Long, Instant> openGaps(long storedPosition) {
        jdbc.update("DELETE FROM publication_open_gap WHERE global_index > ?", storedPosition);
        Map<Long, Instant> gaps = new TreeMap<>();
        jdbc.query("SELECT global_index, first_seen FROM publication_open_gap", rs -> {
            gaps.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
        });
        return gaps;
    }

    /** Records gaps still waited for, before the position passes them. */
    void recordOpen(Map<Long, Instant> gaps) {
        gaps.forEach((globalIndex, firstSeen) -> {
            try {
                jdbc.update("INSERT INTO publication_open_gap (global_index, first_seen) VALUES (?, ?)",
                        globalIndex, Timestamp.from(firstSeen));
            } catch (DuplicateKeyException alreadyRecorded) {
                // recorded by an earlier attempt of this round
            }
        });
    }

    /** Forgets open gaps that filled (published) or were given up on (then recorded as abandoned). */
    void closeOpen(Collection<Long> globalIndexes) {
        for (long globalIndex : globalIndexes) {
            jdbc.update("DELETE FROM publication_open_gap WHERE global_index = ?", globalIndex);
        }
    }

    /** Records global indexes the relay stopped waiting for, before its position passes them. */
    void abandon(Collection<Long> globalIndexes, Instant now) {
        for (long globalIndex : globalIndexes) {
            try {
                jdbc.update("INSERT INTO publication_abandoned_gap (global_index, abandoned_at) VALUES (?, ?)",
                        globalIndex, Timestamp.from(now));
            } catch (DuplicateKeyException alreadyRecorded) {
                // recorded by an earlier attempt of this round
            }
        }
        closeOpen(globalIndexes);
    }

    /** Forgets the given indexes (published at last) and every one abandoned before {@code expiry}. */
    void forget(Collection<Long> globalIndexes, Instant expiry) {
        for (long globalIndex : globalIndexes) {
            jdbc.update("DELETE FROM publication_abandoned_gap WHERE global_index = ?", globalIndex);
        }
        jdbc.update("DELETE FROM publication_abandoned_gap WHERE abandoned_at < ?", Timestamp.from(expiry));
    }

    void release(String owner) {
        jdbc.update("UPDATE event_publication SET owner = NULL, lease_until = 0 WHERE name = ? AND owner = ?",
                NAME, owner);
    }

    private void ensureRow() {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM event_publication WHERE name = ?", Integer.class, NAME);
        if (rows != null && rows == 0) {
            try {
                jdbc.update("INSERT INTO event_publication (name, position, owner, lease_until, updated_at) "
                        + "VALUES (?, 0, NULL, 0, ?)", NAME, Timestamp.from(Instant.now()));
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // the row exists now, which is all this needs
            }
        }
    }
}
