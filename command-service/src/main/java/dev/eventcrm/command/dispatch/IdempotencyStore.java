package dev.eventcrm.command.dispatch;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * First answers per Idempotency-Key. A request claims its key before its command runs, in the command's transaction,
 * and writes its answer in that same transaction: other requests never see a claim without its answer. A concurrent
 * duplicate's claim waits on the first one's uncommitted row; once that commits, it finds the answer, and if that
 * rolls back (the command failed), the duplicate claims the key itself.
 */
@Component
public class IdempotencyStore {

    public record StoredResponse(String requestHash, int status, String body) {
    }

    private final JdbcTemplate jdbc;
    private final InsertIfAbsent claims;
    private final Duration retention;

    IdempotencyStore(JdbcTemplate jdbc, CommandServiceProperties properties,
                     DispatchProperties dispatch) {
        this.jdbc = jdbc;
        this.claims = new InsertIfAbsent(jdbc, properties);
        this.retention = dispatch.idempotencyRetention();
    }

    /** Claims the key for this request, or answers the stored first response of an earlier one. */
    Optional<StoredResponse> claim(String scope, String requestHash) {
        while (true) {
            if (insertClaim(scope, requestHash)) {
                return Optional.empty();
            }
            Optional<StoredResponse> stored = find(scope);
            if (stored.isPresent()) {
                return stored;
            }
            // purged between the two statements: claim again
        }
    }

    private boolean insertClaim(String scope, String requestHash) {
        return claims.insert("INSERT INTO idempotency_key (scope, request_hash, status, body, created_at) "
                + "VALUES (?, ?, 0, '', ?)", "scope", scope, requestHash, Timestamp.from(Instant.now()));
    }

    private Optional<StoredResponse> find(String scope) {
        return jdbc.query("SELECT request_hash, status, body FROM idempotency_key WHERE scope = ?",
                (rs, i) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3)), scope)
                .stream().findFirst();
    }

    void answer(String scope, int status, String body) {
        jdbc.update("UPDATE idempotency_key SET status = ?, body = ? WHERE scope = ?", status, body, scope);
    }

    /** Deletes keys older than the retention; returns how many. */
    int purgeExpired() {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?",
                Timestamp.from(Instant.now().minus(retention)));
    }
}
