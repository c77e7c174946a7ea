package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.contact.Contact;
import dev.eventcrm.command.contact.ContactIdentities;
import dev.eventcrm.command.contact.CreateContact;
import dev.eventcrm.command.contact.imports.ImportCommands.FinishContactImport;
import dev.eventcrm.command.contact.imports.ImportCommands.ImportCounts;
import dev.eventcrm.command.contact.imports.ImportCommands.Outcome;
import dev.eventcrm.command.contact.imports.ImportCommands.RecordContactImportProgress;
import dev.eventcrm.command.contact.imports.ImportCommands.RowReport;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandDispatcher.CommandOrigin;
import dev.eventcrm.command.lookup.AggregateLookup;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads one uploaded file row after row and sends each row's CreateContact; keeps only counters and the first rows
 * of each outcome, and stores them (with a ContactImportProgressed event) every progress interval. Rows are sent one
 * at a time, in file order, so that of two rows of one person the first is the one created.
 */
final class ImportJob implements Runnable {

    static final String STOPPED = "interrupted: the service stopped; import the file again (rows already imported "
            + "are reported as duplicates)";

    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);

    private final String importId;
    private final Path file;
    private final char delimiter;
    private final ContactRows contactRows;
    private final CommandOrigin origin;
    private final CommandDispatcher dispatcher;
    private final AggregateLookup lookup;
    private final ContactIdentities identities;
    private final ImportedCompanies companies;
    private final int maxReportedRows;
    private final long progressNanos;
    private final BooleanSupplier stopping;
    private final Runnable onEnd;

    private long rows;
    private long accepted;
    private long duplicates;
    private long rejected;
    private long skipped;
    private final int[] reportedRows = new int[Outcome.values().length];
    private final List<RowReport> unsaved = new ArrayList<>();

    ImportJob(String importId, Path file, char delimiter, ContactRows contactRows, CommandOrigin origin,
              CommandDispatcher dispatcher, AggregateLookup lookup, ContactIdentities identities,
              ImportedCompanies companies, ImportProperties properties,
              BooleanSupplier stopping, Runnable onEnd) {
        this.importId = importId;
        this.file = file;
        this.delimiter = delimiter;
        this.contactRows = contactRows;
        this.origin = origin;
        this.dispatcher = dispatcher;
        this.lookup = lookup;
        this.identities = identities;
        this.companies = companies;
        this.maxReportedRows = properties.maxReportedRows();
        this.progressNanos = properties.progressInterval().toNanos();
        this.stopping = stopping;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            finish(readAll());
        } catch (RuleViolation finished) {
            // the watchdog took this import for an interrupted one and failed it: its rows so far stay created
            log.warn("Import {} was finished elsewhere while running: {}", importId, finished.getMessage());
        } catch (Exception e) {
            log.error("Import {} could not record its end", importId, e);
        } finally {
            delete(file);
            onEnd.run();
        }
    }

    /** @return why the import stopped early; null when every row was read */
    private String readAll() throws Exception {
        try (ContactCsv.Rows csv = ContactCsv.open(file, delimiter)) {
            long lastProgress = System.nanoTime();
            while (csv.hasNext()) {
                if (stopping.getAsBoolean()) {
                    return STOPPED;
                }
                read(csv.next());
                if (System.nanoTime() - lastProgress >= progressNanos) {
                    dispatcher.sendAndWait(new RecordContactImportProgress(importId, counts(), takeUnsaved()), origin,
                            Instant.now());
                    lastProgress = System.nanoTime();
                }
            }
            return null;
        } catch (RuleViolation violation) {
            if (ContactImport.FINISHED.equals(violation.getRule())) {
                throw violation;
            }
            log.error("Import {} failed after {} rows", importId, rows, violation);
            return "failed after " + rows + " rows: " + violation.getMessage();
        } catch (Exception e) {
            log.error("Import {} failed after {} rows", importId, rows, e);
            return "failed after " + rows + " rows: " + e.getClass().getSimpleName();
        }
    }

    private void read(ContactCsv.Row row) throws Exception {
        ContactRows.Parsed parsed = contactRows.read(row);
        if (parsed instanceof ContactRows.Blank) {
            skipped++;
            return;
        }
        rows++;
        if (parsed instanceof ContactRows.Rejected rejection) {
            rejected++;
            report(Outcome.REJECTED, rejection.errors().stream()
                    .map(error -> new RowReport(row.number(), Outcome.REJECTED, null, error.column(), error.reason()))
                    .toList());
            return;
        }
        ContactRows.Valid valid = (ContactRows.Valid) parsed;
        String existing = create(valid.command(), valid.companyName());
        CreateContact command = valid.command();
        if (existing == null) {
            accepted++;
            report(Outcome.ACCEPTED, List.of(new RowReport(row.number(), Outcome.ACCEPTED, command.contactId(), null,
                    null)));
        } else {
            duplicates++;
            report(Outcome.DUPLICATE, List.of(new RowReport(row.number(), Outcome.DUPLICATE, existing, null, null)));
        }
    }

    /**
     * Looks for the row's person before sending its command, so that a duplicate costs a read rather than a failed
     * transaction; the command's own claim of its identities still decides a race with a concurrent create.
     *
     * @return null when the contact was created, else the id of the contact the row repeats
     */
    private String create(CreateContact row, String companyName) throws Exception {
        CreateContact command = row;
        // the row's person imported before (this file or an earlier one): its name-based id exists
        if (lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
            return command.contactId();
        }
        Optional<String> holder = identities.holder(Contact.identitiesOf(command.personal()));
        if (holder.isPresent()) {
            return holder.get();
        }
        if (companyName != null) {
            command = new CreateContact(row.contactId(), row.personal(), row.city(), row.country(), row.source(),
                    row.ownerId(), row.timeZone(), companies.idFor(companyName, row.ownerId()), row.allowDuplicate());
        }
        try {
            dispatcher.sendAndWait(command, origin, Instant.now());
            return null;
        } catch (RuleViolation refused) {
            if (!Contact.DUPLICATE.equals(refused.getRule())) {
                throw refused;
            }
            return (String) refused.getDetails().get("existingId");
        } catch (DataIntegrityViolationException | ConcurrencyException raced) {
            // a concurrent import created the same person between the lookup and this insert
            if (lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
                return command.contactId();
            }
            throw raced;
        }
    }

    /** The lines of one row, kept while fewer than maxReportedRows rows of its outcome are. */
    private void report(Outcome outcome, List<RowReport> lines) {
        if (reportedRows[outcome.ordinal()] < maxReportedRows) {
            reportedRows[outcome.ordinal()]++;
            unsaved.addAll(lines);
        }
    }

    private void finish(String failure) throws Exception {
        dispatcher.sendAndWait(new FinishContactImport(importId, counts(), takeUnsaved(), failure), origin,
                Instant.now());
    }

    private ImportCounts counts() {
        return new ImportCounts(rows, accepted, duplicates, rejected, skipped);
    }

    private List<RowReport> takeUnsaved() {
        List<RowReport> taken = List.copyOf(unsaved);
        unsaved.clear();
        return taken;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded file {}", file, e);
        }
    }
}
