package dev.eventcrm.command.dispatch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** First responses per Idempotency-Key; rows are written inside the command's own transaction. */
@Component
public class IdempotencyStore {

    public record StoredResponse(String requestHash, int status, String body) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredResponse> find(String scope) {
        return jdbc.query("SELECT request_hash, status, body FROM idempotency_key WHERE scope = ?",
                (rs, i) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3)), scope)
                .stream().findFirst();
    }

    void save(String scope, String requestHash, int status, String body) {
        jdbc.update("INSERT INTO idempotency_key (scope, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?)",
                scope, requestHash, status, body, Timestamp.from(Instant.now()));
    }
}
