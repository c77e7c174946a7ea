package dev.eventcrm.command.portfolio;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.contact.AssignContactOwner;
import dev.eventcrm.command.deal.AssignOwner;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.owner.Ownership;
import dev.eventcrm.command.task.ReassignTask;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Hands a manager's open deals, contacts and open tasks to another manager: one assignment per record, each in its
 * own transaction and so its own audited event, all under the request's correlation id. Each assignment names the
 * owner (or assignee) it expects to replace, so a record that changed hands meanwhile is left alone, and a retry (or
 * a second request after a crash half-way) moves only what the first did not: the events happen once.
 */
@Component
class PortfolioTransfer {

    /** Records read per round, so that a portfolio of any size never sits in memory whole. */
    private static final int PAGE = 500;

    record Moved(int deals, int contacts, int tasks) {
    }

    private final Ownership ownership;
    private final CommandDispatcher dispatcher;

    PortfolioTransfer(Ownership ownership, CommandDispatcher dispatcher) {
        this.ownership = ownership;
        this.dispatcher = dispatcher;
    }

    Moved transfer(String fromOwnerId, String toOwnerId, CommandDispatcher.CommandOrigin origin) throws Exception {
        int deals = moveAll(fromOwnerId, AggregateLookup.DEAL, true, origin,
                dealId -> new AssignOwner(dealId, toOwnerId, fromOwnerId, null));
        int contacts = moveAll(fromOwnerId, AggregateLookup.CONTACT, false, origin,
                contactId -> new AssignContactOwner(contactId, toOwnerId, fromOwnerId, null));
        // completed and cancelled tasks stay with who did them, as won and lost deals do
        int tasks = moveAll(fromOwnerId, AggregateLookup.TASK, true, origin,
                taskId -> new ReassignTask(taskId, toOwnerId, fromOwnerId, null));
        return new Moved(deals, contacts, tasks);
    }

    private int moveAll(String fromOwnerId, String recordType, boolean openOnly,
                        CommandDispatcher.CommandOrigin origin, Function<String, Object> assignment) throws Exception {
        int moved = 0;
        List<String> page = ownership.portfolio(fromOwnerId, recordType, openOnly, PAGE);
        while (!page.isEmpty()) {
            int movedThisPage = 0;
            for (String recordId : page) {
                try {
                    dispatcher.sendAndWait(assignment.apply(recordId), origin, Instant.now());
                    movedThisPage++;
                } catch (RuleViolation changedMeanwhile) {
                    // owned by someone else by now (or already by the new owner): not this hand-over's to move
                }
            }
            moved += movedThisPage;
            if (movedThisPage == 0) {
                break; // every record left on this page refused: the next read would return the same page
            }
            page = ownership.portfolio(fromOwnerId, recordType, openOnly, PAGE);
        }
        return moved;
    }
}
