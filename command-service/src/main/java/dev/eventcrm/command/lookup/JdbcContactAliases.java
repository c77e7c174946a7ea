package dev.eventcrm.command.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.command.eventstore.AggregateProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;

/**
 * {@link ContactAliases} in {@code contact_alias}. A merged id never becomes a contact again, but its survivor may
 * be merged later, which re-points the alias: so aliases are remembered only for a short while, and only once the
 * transaction that found them has committed.
 */
@Component
class JdbcContactAliases implements ContactAliases {

    private final JdbcTemplate jdbc;
    private final Cache<String, String> survivors;

    JdbcContactAliases(JdbcTemplate jdbc, AggregateProperties properties) {
        this.jdbc = jdbc;
        this.survivors = Caffeine.newBuilder().maximumSize(properties.cacheSize())
                .expireAfterWrite(Duration.ofSeconds(5)).build();
    }

    @Override
    public String resolve(String contactId) {
        String cached = survivors.getIfPresent(contactId);
        if (cached != null) {
            return cached;
        }
        List<String> survivor = jdbc.queryForList("SELECT survivor_id FROM contact_alias WHERE merged_id = ?",
                String.class, contactId);
        if (survivor.isEmpty()) {
            return contactId;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    survivors.put(contactId, survivor.get(0));
                }
            });
        } else {
            survivors.put(contactId, survivor.get(0));
        }
        return survivor.get(0);
    }

    @Override
    public void merged(String duplicateId, String survivorId) {
        jdbc.update("UPDATE contact_alias SET survivor_id = ? WHERE survivor_id = ?", survivorId, duplicateId);
        jdbc.update("INSERT INTO contact_alias (merged_id, survivor_id) VALUES (?, ?)", duplicateId, survivorId);
        survivors.invalidateAll();
    }
}
