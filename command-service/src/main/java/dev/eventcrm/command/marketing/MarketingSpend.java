package dev.eventcrm.command.marketing;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.dao.DuplicateKeyException;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The spend on one lead source in one month. Recording it again replaces the amount with a new
 * {@link MarketingSpendRecorded}, so every amount it had stays in its history; the same amount again stores nothing.
 * One command creates or replaces ({@code CREATE_IF_MISSING}): the client records a month's spend without knowing
 * whether it was recorded before.
 */
@Aggregate
public class MarketingSpend {

    @AggregateIdentifier
    private String spendId;
    private Money amount;

    protected MarketingSpend() {
        // required by Axon to rebuild the aggregate from its events, and as the fresh one CREATE_IF_MISSING fills
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordMarketingSpend.Result handle(RecordMarketingSpend command, AggregateLookup lookup) {
        if (command.source() == null || command.source().isBlank()) {
            throw new RuleViolation("source-required", "source", "must name the lead source");
        }
        if (command.amount().value().signum() < 0) {
            throw new RuleViolation("spend-negative", "amount.value", "must be zero or more");
        }
        boolean created = spendId == null;
        if (created) {
            register(command.spendId(), lookup);
        } else if (sameAmount(command.amount())) {
            return new RecordMarketingSpend.Result(false, AggregateLifecycle.getVersion());
        }
        apply(new MarketingSpendRecorded(command.spendId(), command.source(), command.period(), command.amount()));
        return new RecordMarketingSpend.Result(created, created ? 0 : AggregateLifecycle.getVersion());
    }

    private static void register(String spendId, AggregateLookup lookup) {
        try {
            lookup.register(spendId, AggregateLookup.MARKETING_SPEND);
        } catch (DuplicateKeyException taken) {
            // A concurrent first record of the same source and month committed first: retried as a conflict, the
            // command then finds the aggregate and replaces its amount.
            throw new ConcurrencyException("The spend " + spendId + " was recorded at the same time");
        }
    }

    /** Equal values (2000 and 2000.00) in the same currency. */
    private boolean sameAmount(Money other) {
        return amount.currency().equals(other.currency()) && amount.value().compareTo(other.value()) == 0;
    }

    @EventSourcingHandler
    void on(MarketingSpendRecorded event) {
        spendId = event.spendId();
        amount = event.amount();
    }
}
