package dev.eventcrm.command.eventstore;

import dev.eventcrm.command.CommandServiceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An INSERT of a row with a unique key that tells whether it inserted or found the key taken, after waiting for a
 * concurrent uncommitted insert of the same key to commit or roll back: the claim behind idempotency keys and
 * contact identities. PostgreSQL: {@code ON CONFLICT DO NOTHING}, since a failed statement would abort the whole
 * transaction. H2 has no such clause; its duplicate-key error leaves the transaction usable, but it waits for the
 * other insert only up to its lock timeout, so the insert is tried a few times.
 */
public final class InsertIfAbsent {

    private static final int H2_WAITS = 6;

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public InsertIfAbsent(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.postgres = !properties.eventstore().url().startsWith("jdbc:h2:");
    }

    /**
     * @param insert an {@code INSERT INTO ... VALUES (...)} statement without a conflict clause
     * @param key    the unique column the conflict is on
     * @return true when the row was inserted, false when the key was taken
     */
    public boolean insert(String insert, String key, Object... args) {
        if (postgres) {
            return jdbc.update(insert + " ON CONFLICT (" + key + ") DO NOTHING", args) == 1;
        }
        for (int wait = 1; ; wait++) {
            try {
                jdbc.update(insert, args);
                return true;
            } catch (DuplicateKeyException taken) {
                return false;
            } catch (TransientDataAccessException inFlight) {
                if (wait == H2_WAITS) {
                    throw inFlight;
                }
            }
        }
    }
}
