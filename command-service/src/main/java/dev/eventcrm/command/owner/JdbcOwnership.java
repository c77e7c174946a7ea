package dev.eventcrm.command.owner;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** {@link Ownership} in {@code record_owner}; the JdbcTemplate joins the command's transaction. */
@Component
class JdbcOwnership implements Ownership {

    private final JdbcTemplate jdbc;

    JdbcOwnership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void owned(String recordId, String recordType, String ownerId, boolean active, String contactId) {
        jdbc.update("INSERT INTO record_owner (record_id, record_type, owner_id, active, contact_id) "
                + "VALUES (?, ?, ?, ?, ?)", recordId, recordType, ownerId, active, contactId);
    }

    @Override
    public void reassigned(String recordId, String ownerId) {
        jdbc.update("UPDATE record_owner SET owner_id = ? WHERE record_id = ?", ownerId, recordId);
    }

    @Override
    public void activated(String recordId, boolean active) {
        jdbc.update("UPDATE record_owner SET active = ? WHERE record_id = ?", active, recordId);
    }

    @Override
    public void released(String recordId) {
        jdbc.update("DELETE FROM record_owner WHERE record_id = ?", recordId);
    }

    @Override
    public Optional<String> owner(String recordId) {
        return jdbc.queryForList("SELECT owner_id FROM record_owner WHERE record_id = ?", String.class, recordId)
                .stream().findFirst();
    }

    @Override
    public List<String> portfolio(String ownerId, String recordType, boolean activeOnly, int limit) {
        return jdbc.queryForList("SELECT record_id FROM record_owner WHERE owner_id = ? AND record_type = ?"
                        + (activeOnly ? " AND active = TRUE" : "") + " ORDER BY record_id LIMIT ?", String.class,
                ownerId, recordType, limit);
    }
}
