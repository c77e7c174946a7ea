package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.contact.imports.ImportCommands.FinishContactImport;
import dev.eventcrm.command.contact.imports.ImportCommands.ImportCounts;
import dev.eventcrm.command.contact.imports.ImportCommands.Outcome;
import dev.eventcrm.command.contact.imports.ImportCommands.RecordContactImportProgress;
import dev.eventcrm.command.contact.imports.ImportCommands.RowReport;
import dev.eventcrm.command.contact.imports.ImportCommands.StartContactImport;
import dev.eventcrm.events.imports.ContactImportFinished;
import dev.eventcrm.events.imports.ContactImportProgressed;
import dev.eventcrm.events.imports.ContactImportStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ContactImportAggregateTest {

    private static final ContactImportStarted STARTED = new ContactImportStarted("i1", "clients.csv", 10,
            Map.of("ФИО", "name"));
    private static final ImportCounts COUNTS = new ImportCounts(10, 7, 2, 1, 1);

    private final ImportStore store = mock(ImportStore.class);
    private AggregateTestFixture<ContactImport> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ContactImport.class);
        fixture.registerInjectableResource(store);
    }

    @Test
    void anImportStartsProgressesAndFinishesStoringEachStepWithItsEvent() {
        fixture.givenNoPriorActivity()
                .when(new StartContactImport("i1", "clients.csv", 10, Map.of("ФИО", "name")))
                .expectEvents(STARTED);
        verify(store).started("i1", "clients.csv", 10);

        List<RowReport> reports = List.of(new RowReport(4, Outcome.REJECTED, null, "ФИО", "must not be blank"));
        fixture.given(STARTED)
                .when(new RecordContactImportProgress("i1", COUNTS, reports))
                .expectEvents(new ContactImportProgressed("i1", 10, 7, 2, 1));
        verify(store).progressed("i1", COUNTS, reports);

        fixture.given(STARTED)
                .when(new FinishContactImport("i1", COUNTS, List.of(), "interrupted"))
                .expectEvents(new ContactImportFinished("i1", "FAILED", 10, 7, 2, 1, "interrupted"));
        verify(store).finished("i1", "FAILED", COUNTS, List.of(), "interrupted");
    }

    /** The watchdog may fail an import whose job still runs: that job's next step is refused, nothing stored. */
    @Test
    void aFinishedImportTakesNoMoreProgressNorASecondEnd() {
        ContactImportFinished done = new ContactImportFinished("i1", "DONE", 10, 7, 2, 1, null);
        fixture.given(STARTED, done)
                .when(new RecordContactImportProgress("i1", COUNTS, List.of()))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(STARTED, done)
                .when(new FinishContactImport("i1", COUNTS, List.of(), null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        verifyNoInteractions(store);
    }
}
