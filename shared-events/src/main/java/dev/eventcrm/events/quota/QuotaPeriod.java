package dev.eventcrm.events.quota;

/** The calendar period a quota's target is for. */
public enum QuotaPeriod {
    MONTH, QUARTER
}
