package dev.eventcrm.events.segment;

/**
 * Where a contact stands (the query side decides it, see the README's segmentation): what a saved segment can filter
 * on.
 */
public enum LifecycleStage {
    LEAD, PROSPECT, CUSTOMER, CHURNED
}
