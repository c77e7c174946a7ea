package dev.eventcrm.command.quota;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import dev.eventcrm.events.quota.QuotaSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sales plan of one manager or team for one metric per month or quarter. Every target it had stays in its history
 * ({@link QuotaSet} each time), so a report can show the plan as it was on any date.
 */
@Aggregate
public class Quota {

    @AggregateIdentifier
    private String quotaId;
    private String managerId;
    private String teamId;
    private QuotaPeriod period;
    private QuotaMetric metric;
    private BigDecimal target;
    private String currency;

    protected Quota() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Quota(SetQuota command, AggregateLookup lookup) {
        if ((command.managerId() == null) == (command.teamId() == null)) {
            throw new RuleViolation("quota-subject", "managerId", "name exactly one of managerId and teamId");
        }
        if (command.managerId() != null && !lookup.exists(command.managerId(), AggregateLookup.USER)) {
            throw new RuleViolation("unknown-user", "managerId", "no user with id " + command.managerId());
        }
        requireValid(command.metric(), command.target(), command.currency());
        lookup.register(command.quotaId(), AggregateLookup.QUOTA);
        apply(new QuotaSet(command.quotaId(), command.managerId(), command.teamId(), command.period(),
                command.metric(), command.target(), command.currency()));
    }

    /** Returns the quota's version; a target equal to the current one stores nothing. */
    @CommandHandler
    public long handle(ChangeQuotaTarget command) {
        StaleVersion.require(quotaId, command.expectedVersion());
        String newCurrency = command.currency() == null ? currency : command.currency();
        requireValid(metric, command.target(), newCurrency);
        if (command.target().compareTo(target) != 0 || !Objects.equals(newCurrency, currency)) {
            apply(new QuotaSet(quotaId, managerId, teamId, period, metric, command.target(), newCurrency));
        }
        return AggregateLifecycle.getVersion();
    }

    /** A positive target; a whole count for counts, an amount with a currency for revenue. */
    private static void requireValid(QuotaMetric metric, BigDecimal target, String currency) {
        if (target.signum() <= 0) {
            throw new RuleViolation("target-not-positive", "target", "must be positive");
        }
        if (metric == QuotaMetric.REVENUE_WON && currency == null) {
            throw new RuleViolation("currency-required", "currency", "a revenue target needs a currency");
        }
        if (metric != QuotaMetric.REVENUE_WON) {
            if (currency != null) {
                throw new RuleViolation("currency-not-allowed", "currency", "only a revenue target has a currency");
            }
            if (target.stripTrailingZeros().scale() > 0) {
                throw new RuleViolation("target-not-whole", "target", "must be a whole number for a count");
            }
        }
    }

    @EventSourcingHandler
    void on(QuotaSet event) {
        quotaId = event.quotaId();
        managerId = event.managerId();
        teamId = event.teamId();
        period = event.period();
        metric = event.metric();
        target = event.target();
        currency = event.currency();
    }
}
