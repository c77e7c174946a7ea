package dev.eventcrm.command.nextstep;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import dev.eventcrm.command.lookup.AggregateLookup;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Deals opened before next steps existed get their {@code deal_next_step} row, folded from their events, and an open
 * one its default next step (channel AUTOMATION, caused by the event that opened or last reopened it), at start-up.
 * <p>
 * Each deal is one transaction: the row is inserted if absent (a deal command may have recorded it meanwhile; then
 * that row is the newer truth), then {@link NextStepAutomation#giveDefault} locks it and creates the task only if the
 * deal is open and still has none. So a restart, or a second instance backfilling at the same time (it waits on the
 * row, then finds the task), creates nothing twice; a crash half-way rolls the deal back whole, to be done again.
 */
@Component
class NextStepBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NextStepBackfill.class);

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final TransactionManager transactionManager;
    private final NextStepAutomation automation;
    private final InsertIfAbsent inserts;

    NextStepBackfill(JdbcTemplate jdbc, EventStore eventStore, TransactionManager transactionManager,
                     NextStepAutomation automation, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.transactionManager = transactionManager;
        this.automation = automation;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> deals = jdbc.queryForList("SELECT l.aggregate_id FROM aggregate_lookup l "
                + "LEFT JOIN deal_next_step n ON n.deal_id = l.aggregate_id WHERE l.aggregate_type = ? "
                + "AND (n.deal_id IS NULL OR (n.deal_open = TRUE AND n.task_id IS NULL)) ORDER BY l.aggregate_id",
                String.class, AggregateLookup.DEAL);
        int failed = 0;
        for (String dealId : deals) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactionManager);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                backfill(dealId);
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                failed++;
                log.error("Could not give deal {} its next step; the next start-up tries again", dealId,
                        result.exceptionResult());
            }
        }
        if (!deals.isEmpty()) {
            log.info("Gave {} deals opened before next steps existed their next-step record ({} failed)",
                    deals.size() - failed, failed);
        }
    }

    private void backfill(String dealId) {
        DealFacts deal = DealFacts.of(eventStore, dealId);
        if (deal.opening() == null) {
            return;
        }
        inserts.insert("INSERT INTO deal_next_step (deal_id, deal_open, task_id) VALUES (?, ?, NULL)", "deal_id",
                dealId, deal.open());
        automation.giveDefault(dealId, deal.ownerId(), deal.opening());
    }
}
