package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.contact.imports.ImportCommands.ImportCounts;
import dev.eventcrm.command.contact.imports.ImportCommands.Outcome;
import dev.eventcrm.command.contact.imports.ImportCommands.RowReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Imports and their per-row reports in the event store's database ({@code contact_import}, {@code contact_import_row}).
 * Writes join the transaction of the import's command, so the stored progress and the import's events agree.
 */
@Component
class ImportStore {

    static final String RUNNING = "RUNNING";

    private static final int COLUMN_MAX = 255;
    private static final int REASON_MAX = 1000;

    /** What GET /api/v1/imports/{id} answers; the lists hold the stored first rows of each outcome. */
    record ImportStatus(String id, String state, String fileName, long totalRows, long rows, long accepted,
                        long duplicates, long rejected, long skipped, Instant startedAt, Instant finishedAt,
                        String failure, List<RowError> errors, long errorsOmitted,
                        List<DuplicateRow> duplicatesFound, long duplicatesOmitted,
                        List<AcceptedRow> acceptedRows, long acceptedOmitted) {
    }

    record RowError(long row, String column, String reason) {
    }

    record DuplicateRow(long row, String existingId) {
    }

    record AcceptedRow(long row, String id) {
    }

    /** A running import with the counts it last stored. */
    record Running(String importId, ImportCounts counts) {
    }

    private final JdbcTemplate jdbc;

    ImportStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void started(String importId, String fileName, long totalRows) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO contact_import (import_id, state, file_name, total_rows, started_at, heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", importId, RUNNING, truncated(fileName, COLUMN_MAX), totalRows, now, now);
    }

    void progressed(String importId, ImportCounts counts, List<RowReport> reports) {
        update(importId, RUNNING, counts, null, null);
        add(importId, reports);
    }

    void finished(String importId, String state, ImportCounts counts, List<RowReport> reports, String failure) {
        update(importId, state, counts, truncated(failure, REASON_MAX), Timestamp.from(Instant.now()));
        add(importId, reports);
    }

    /** Marks imports as still being worked on by a live instance. */
    void heartbeat(Collection<String> importIds) {
        Timestamp now = Timestamp.from(Instant.now());
        for (String importId : importIds) {
            jdbc.update("UPDATE contact_import SET heartbeat_at = ? WHERE import_id = ? AND state = ?", now, importId,
                    RUNNING);
        }
    }

    /** Running imports whose heartbeat is older than {@code before}. */
    List<Running> stale(Instant before) {
        return jdbc.query("SELECT import_id, rows_read, accepted, duplicates, rejected, skipped FROM contact_import "
                        + "WHERE state = ? AND heartbeat_at < ?",
                (rs, i) -> new Running(rs.getString(1), new ImportCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))), RUNNING, Timestamp.from(before));
    }

    Optional<ImportStatus> find(String importId) {
        return jdbc.query("SELECT state, file_name, total_rows, rows_read, accepted, duplicates, rejected, skipped, "
                + "started_at, finished_at, failure FROM contact_import WHERE import_id = ?", (rs, i) -> {
            long rejected = rs.getLong(7);
            long duplicates = rs.getLong(6);
            long accepted = rs.getLong(5);
            List<RowError> errors = jdbc.query("SELECT row_no, column_name, reason FROM contact_import_row "
                            + "WHERE import_id = ? AND outcome = ? ORDER BY report_no",
                    (r, j) -> new RowError(r.getLong(1), r.getString(2), r.getString(3)), importId,
                    Outcome.REJECTED.name());
            List<DuplicateRow> duplicateRows = jdbc.query("SELECT row_no, contact_id FROM contact_import_row "
                            + "WHERE import_id = ? AND outcome = ? ORDER BY report_no",
                    (r, j) -> new DuplicateRow(r.getLong(1), r.getString(2)), importId, Outcome.DUPLICATE.name());
            List<AcceptedRow> acceptedRows = jdbc.query("SELECT row_no, contact_id FROM contact_import_row "
                            + "WHERE import_id = ? AND outcome = ? ORDER BY report_no",
                    (r, j) -> new AcceptedRow(r.getLong(1), r.getString(2)), importId, Outcome.ACCEPTED.name());
            long rejectedListed = errors.stream().mapToLong(RowError::row).distinct().count();
            return new ImportStatus(importId, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                    accepted, duplicates, rejected, rs.getLong(8), instant(rs, 9), instant(rs, 10),
                    rs.getString(11), errors, rejected - rejectedListed, duplicateRows,
                    duplicates - duplicateRows.size(), acceptedRows, accepted - acceptedRows.size());
        }, importId).stream().findFirst();
    }

    private void update(String importId, String state, ImportCounts counts, String failure, Timestamp finishedAt) {
        jdbc.update("UPDATE contact_import SET state = ?, rows_read = ?, accepted = ?, duplicates = ?, rejected = ?, "
                        + "skipped = ?, failure = ?, heartbeat_at = ?, finished_at = ? WHERE import_id = ?",
                state, counts.rows(), counts.accepted(), counts.duplicates(), counts.rejected(), counts.skipped(),
                failure, Timestamp.from(Instant.now()), finishedAt, importId);
    }

    private void add(String importId, List<RowReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        int last = jdbc.queryForObject("SELECT COALESCE(MAX(report_no), 0) FROM contact_import_row "
                + "WHERE import_id = ?", Integer.class, importId);
        jdbc.batchUpdate("INSERT INTO contact_import_row (import_id, report_no, row_no, outcome, contact_id, "
                        + "column_name, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                IntStream.range(0, reports.size()).mapToObj(i -> {
                    RowReport report = reports.get(i);
                    return new Object[]{importId, last + 1 + i, report.row(), report.outcome().name(),
                            report.contactId(), truncated(report.column(), COLUMN_MAX),
                            truncated(report.reason(), REASON_MAX)};
                }).toList());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncated(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
