package dev.eventcrm.command.quota;

import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;

import java.math.BigDecimal;

/** A new quota: for exactly one of {@code managerId} and {@code teamId}. */
public record SetQuota(String quotaId, String managerId, String teamId, QuotaPeriod period, QuotaMetric metric,
                       BigDecimal target, String currency) {
}
