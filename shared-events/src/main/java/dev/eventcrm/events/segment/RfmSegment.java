package dev.eventcrm.events.segment;

/**
 * The named RFM segments a customer falls in (the rules are the query side's, see the README's segmentation): what a
 * saved segment can filter on.
 */
public enum RfmSegment {
    CHAMPIONS, LOYAL, NEW, POTENTIAL_LOYALIST, CANNOT_LOSE_THEM, AT_RISK, HIBERNATING, LOST
}
