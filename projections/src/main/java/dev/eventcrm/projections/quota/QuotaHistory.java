package dev.eventcrm.projections.quota;

import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One quota with every target it had, oldest first: the managers report reads the plan as it was on a date.
 *
 * @param targets each {@code QuotaSet} of the quota: from when on, which target (a decimal string, exact) and currency
 */
public record QuotaHistory(String id, String managerId, String teamId, QuotaPeriod period, QuotaMetric metric,
                           List<Target> targets) {

    public QuotaHistory {
        targets = List.copyOf(targets);
    }

    public record Target(Instant from, String target, String currency) {
    }

    static QuotaHistory empty(String id) {
        return new QuotaHistory(id, null, null, null, null, List.of());
    }

    QuotaHistory set(String managerId, String teamId, QuotaPeriod period, QuotaMetric metric, Target target) {
        List<Target> all = new ArrayList<>(targets);
        all.add(target);
        return new QuotaHistory(id, managerId, teamId, period, metric, all);
    }
}
