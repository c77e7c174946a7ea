package dev.eventcrm.events.quota;

/** What a quota counts: revenue won (an amount in one currency), deals won, calls or meetings held. */
public enum QuotaMetric {
    REVENUE_WON, DEALS_WON, CALLS, MEETINGS
}
