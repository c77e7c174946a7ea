package dev.eventcrm.command.quota;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * A quota's new target from now on (the earlier ones stay in its history).
 *
 * @param currency null: the quota's own (a revenue quota may switch currency)
 * @param expectedVersion the If-Match version; null when the request did not give one
 */
public record ChangeQuotaTarget(@TargetAggregateIdentifier String quotaId, BigDecimal target, String currency,
                                Long expectedVersion) implements TargetsExisting {

    @Override
    public String targetId() {
        return quotaId;
    }

    @Override
    public String targetType() {
        return AggregateLookup.QUOTA;
    }
}
