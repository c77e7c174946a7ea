package dev.eventcrm.command.automation;

import dev.eventcrm.command.CommandServiceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks by name, held until the current transaction ends: for reactions whose state is not an aggregate
 * (a saga's), so that two transactions never react to the same subject at once. On PostgreSQL they are
 * transaction-scoped advisory locks, which hold across instances; on H2, which only the single embedded instance uses,
 * striped JVM locks (a few names may share a stripe: that only serialises a little more).
 */
@Component
public class TransactionLocks {

    private static final int STRIPES = 256;

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    TransactionLocks(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.postgres = !properties.eventstore().url().startsWith("jdbc:h2:");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Waits for the lock named {@code name}; it is released when the transaction commits or rolls back. */
    public void lock(String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a transaction lock lasts until the transaction ends; none is active");
        }
        if (postgres) {
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", row -> null, name);
            return;
        }
        ReentrantLock stripe = stripes[Math.floorMod(name.hashCode(), STRIPES)];
        stripe.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                stripe.unlock();
            }
        });
    }
}
