package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.company.CompanyNames;
import dev.eventcrm.command.contact.ContactIdentities;
import dev.eventcrm.command.contact.imports.ImportCommands.FinishContactImport;
import dev.eventcrm.command.contact.imports.ImportCommands.StartContactImport;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandDispatcher.CommandOrigin;
import dev.eventcrm.command.lookup.AggregateLookup;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts CSV imports of contacts and runs them in the background, {@code crm.imports.workers} at a time; the others
 * wait in line. A watchdog keeps this instance's imports marked alive and fails the running imports whose instance
 * stopped without finishing them (a crash): importing the file again creates only what is missing.
 */
@Component
class ContactImports implements SmartLifecycle {

    /** The channel recorded on the events of imported rows. */
    static final String CHANNEL = "IMPORT";

    private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

    private final CommandDispatcher dispatcher;
    private final ImportStore store;
    private final AggregateLookup lookup;
    private final ContactIdentities identities;
    private final CompanyNames companyNames;
    private final PhoneNumbers phoneNumbers;
    private final Validator validator;
    private final ImportProperties properties;
    private final String systemActor;
    /** Imports of this instance, running or waiting for a worker. */
    private final Set<String> ours = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private ExecutorService workers;
    private ScheduledExecutorService watchdog;

    ContactImports(CommandDispatcher dispatcher, ImportStore store, AggregateLookup lookup,
                   ContactIdentities identities, CompanyNames companyNames, PhoneNumbers phoneNumbers,
                   Validator validator,
                   ImportProperties properties, CommandServiceProperties service) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.lookup = lookup;
        this.identities = identities;
        this.companyNames = companyNames;
        this.phoneNumbers = phoneNumbers;
        this.validator = validator;
        this.properties = properties;
        this.systemActor = service.commands().defaultActor();
    }

    /** A file for an upload, in {@code crm.imports.temp-dir}. */
    Path newUpload() throws IOException {
        Path dir = properties.tempDir() != null ? Files.createDirectories(properties.tempDir())
                : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempFile(dir, "contact-import-", ".csv");
    }

    /**
     * Checks the whole file (400 naming what is wrong, with nothing stored), records the import's start and queues
     * it. The file belongs to the import from then on, and is deleted when it ends (or now, when refused).
     *
     * @param mapping      header -> field, for the columns whose header is not guessed right
     * @param defaultOwner the owner of rows without one; required when the file has no owner column
     * @return the import's id
     */
    String start(Path file, String fileName, Map<String, String> mapping, String defaultOwner,
                 CommandOrigin requestOrigin) throws Exception {
        try {
            ContactCsv.Layout layout = ContactCsv.inspect(file);
            ColumnMapping columns = ColumnMapping.resolve(layout.header(), mapping);
            checkOwner(columns, defaultOwner);
            String importId = UUID.randomUUID().toString();
            // every event of the import, its rows' included, shares the request's correlation id (else the import id)
            CommandOrigin origin = new CommandOrigin(requestOrigin.actorId(), CHANNEL,
                    Optional.ofNullable(requestOrigin.correlationId()).orElse(importId));
            dispatcher.sendAndWait(new StartContactImport(importId, fileName, layout.rows(), columns.describe()),
                    origin, Instant.now());
            ours.add(importId);
            workers.execute(new ImportJob(importId, file, layout.delimiter(),
                    new ContactRows(columns, defaultOwner, phoneNumbers, validator), origin, dispatcher, lookup,
                    identities, new ImportedCompanies(companyNames, lookup, dispatcher, origin), properties,
                    () -> stopping, () -> ours.remove(importId)));
            return importId;
        } catch (Exception e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void checkOwner(ColumnMapping columns, String defaultOwner) {
        if (defaultOwner == null && !columns.has(ContactField.OWNER)) {
            throw ApiException.invalid(ContactRows.OWNER_PARAMETER, "is required when the file has no owner column "
                    + "(owner, manager, ответственный, менеджер)");
        }
        if (defaultOwner != null && (defaultOwner.isBlank() || defaultOwner.length() > 100)) {
            throw ApiException.invalid(ContactRows.OWNER_PARAMETER, "must be 1 to 100 characters");
        }
    }

    Optional<ImportStore.ImportStatus> status(String importId) {
        return store.find(importId);
    }

    /** One round of the watchdog: marks this instance's imports alive and fails the stale ones of others. */
    void watch() {
        try {
            store.heartbeat(ours);
            for (ImportStore.Running stale : store.stale(Instant.now().minus(properties.staleAfter()))) {
                if (!ours.contains(stale.importId())) {
                    failInterrupted(stale);
                }
            }
        } catch (RuntimeException e) {
            // the next round tries again
            log.warn("Watching contact imports failed", e);
        }
    }

    private void failInterrupted(ImportStore.Running stale) {
        try {
            dispatcher.sendAndWait(new FinishContactImport(stale.importId(), stale.counts(), List.of(),
                    ImportJob.STOPPED), new CommandOrigin(systemActor, CHANNEL, stale.importId()), Instant.now());
            log.info("Import {} was interrupted (its instance stopped) and is marked FAILED", stale.importId());
        } catch (RuleViolation finishedMeanwhile) {
            log.debug("Import {} finished meanwhile", stale.importId());
        } catch (Exception e) {
            log.warn("Could not mark interrupted import {} as failed", stale.importId(), e);
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()), runnable -> {
            Thread thread = new Thread(runnable, "contact-import");
            thread.setDaemon(true);
            return thread;
        });
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "contact-import-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        watchdog.scheduleWithFixedDelay(this::watch, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Running imports stop after their current row and are recorded as FAILED (no thread is interrupted: an
     * interrupt can close the embedded H2 database's file under it).
     */
    @Override
    public synchronized void stop() {
        if (workers == null) {
            return;
        }
        stopping = true;
        watchdog.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Contact imports still running at shutdown; they are marked FAILED after the restart");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers = null;
        watchdog = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return workers != null;
    }
}
