package dev.eventcrm.command.dispatch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store a race test runs on: a fresh schema in the PostgreSQL database named by CRM_TEST_POSTGRES_URL (CI
 * sets it, and drops that database before each run), otherwise an in-memory H2 database.
 */
public final class EventStoreUnderTest {

    private EventStoreUnderTest() {
    }

    static boolean postgres() {
        return serverUrl().isPresent();
    }

    public static String freshUrl(String purpose) {
        String name = "crm_command_path_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        return serverUrl().map(url -> createSchema(url, name))
                .orElse("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static Optional<String> serverUrl() {
        return Optional.ofNullable(System.getenv("CRM_TEST_POSTGRES_URL")).filter(url -> !url.isBlank());
    }

    private static String createSchema(String url, String name) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + name + " in " + url, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Sessions inside an Idempotency-Key claim, i.e. waiting for the claim row of another transaction. */
    /** How many sessions are inserting into {@code table} (on PostgreSQL: waiting on a lock to do so). */
    static String sessionsClaimingQuery(String table) {
        return postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
                + "AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO " + table + "%'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                + "WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO " + table + "%'";
    }
}
