package dev.eventcrm.projections.managerkpi;

/** What one KPI fact counts; the stored name is the enum's. */
public enum KpiFactType {
    CALL, MEETING, EMAIL, TASK_COMPLETED, DEAL_OPENED, DEAL_WON, DEAL_LOST
}
