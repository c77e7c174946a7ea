package dev.eventcrm.events.quota;

import java.math.BigDecimal;

/**
 * A sales plan, from the event's time on: per {@code period} (each calendar month or quarter of the installation's
 * time zone), {@code target} of {@code metric} for one manager or one team. Setting it again (a changed target) is a
 * new event; the earlier ones stay, so the plan as it was on any date can be read back.
 *
 * @param managerId the manager it is for; null when it is a team's
 * @param teamId    the team it is for; null when it is a manager's
 * @param target    an amount for {@code REVENUE_WON} (in {@code currency}), else a count
 * @param currency  the ISO 4217 code of a revenue target; null for counts
 */
public record QuotaSet(String quotaId, String managerId, String teamId, QuotaPeriod period, QuotaMetric metric,
                       BigDecimal target, String currency) {
}
