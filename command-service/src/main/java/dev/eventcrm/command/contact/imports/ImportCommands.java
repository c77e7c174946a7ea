package dev.eventcrm.command.contact.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/** The commands of a {@link ContactImport}: sent by the import's own job (and its watchdog), never by a client. */
final class ImportCommands {

    private ImportCommands() {
    }

    record StartContactImport(String importId, String fileName, long totalRows, Map<String, String> columns) {
    }

    /** @param reports the rows to add to the stored report since the last progress */
    record RecordContactImportProgress(@TargetAggregateIdentifier String importId, ImportCounts counts,
                                       List<RowReport> reports) {
    }

    /** @param failure null for an import that read every row */
    record FinishContactImport(@TargetAggregateIdentifier String importId, ImportCounts counts,
                               List<RowReport> reports, String failure) {
    }

    /** Rows read (empty lines not counted) and what became of them; empty lines skipped. */
    record ImportCounts(long rows, long accepted, long duplicates, long rejected, long skipped) {
        static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);
    }

    enum Outcome { ACCEPTED, DUPLICATE, REJECTED }

    /**
     * One line of the per-row report.
     *
     * @param contactId the new contact (ACCEPTED) or the one it repeats (DUPLICATE)
     * @param column    the header of the rejected value (REJECTED)
     */
    record RowReport(long row, Outcome outcome, String contactId, String column, String reason) {
    }
}
