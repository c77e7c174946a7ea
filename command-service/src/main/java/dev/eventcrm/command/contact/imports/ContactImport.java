package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.contact.imports.ImportCommands.FinishContactImport;
import dev.eventcrm.command.contact.imports.ImportCommands.ImportCounts;
import dev.eventcrm.command.contact.imports.ImportCommands.RecordContactImportProgress;
import dev.eventcrm.command.contact.imports.ImportCommands.StartContactImport;
import dev.eventcrm.command.eventstore.AggregateCaching;
import dev.eventcrm.events.imports.ContactImportFinished;
import dev.eventcrm.events.imports.ContactImportProgressed;
import dev.eventcrm.events.imports.ContactImportStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One CSV import of contacts, as events on the change feed (so SSE clients follow its progress) and as the row of
 * {@code contact_import} that GET /api/v1/imports/{id} reads, written in the same transaction as each event.
 */
@Aggregate(snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER, filterEventsByType = true)
public class ContactImport {

    static final String FINISHED = "import-finished";

    @AggregateIdentifier
    private String importId;
    private boolean finished;

    protected ContactImport() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    ContactImport(StartContactImport command, ImportStore store) {
        store.started(command.importId(), command.fileName(), command.totalRows());
        apply(new ContactImportStarted(command.importId(), command.fileName(), command.totalRows(),
                command.columns()));
    }

    /** Refused once the import is finished: the watchdog may have failed it while its job still ran. */
    @CommandHandler
    void handle(RecordContactImportProgress command, ImportStore store) {
        requireRunning();
        ImportCounts counts = command.counts();
        store.progressed(importId, counts, command.reports());
        apply(new ContactImportProgressed(importId, counts.rows(), counts.accepted(), counts.duplicates(),
                counts.rejected()));
    }

    @CommandHandler
    void handle(FinishContactImport command, ImportStore store) {
        requireRunning();
        ImportCounts counts = command.counts();
        String state = command.failure() == null ? ContactImportFinished.DONE : ContactImportFinished.FAILED;
        store.finished(importId, state, counts, command.reports(), command.failure());
        apply(new ContactImportFinished(importId, state, counts.rows(), counts.accepted(), counts.duplicates(),
                counts.rejected(), command.failure()));
    }

    private void requireRunning() {
        if (finished) {
            throw new RuleViolation(FINISHED, "Import " + importId + " is already finished");
        }
    }

    @EventSourcingHandler
    void on(ContactImportStarted event) {
        importId = event.importId();
    }

    @EventSourcingHandler
    void on(ContactImportFinished event) {
        finished = true;
    }
}
