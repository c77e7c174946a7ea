package dev.eventcrm.query.segment;

import java.time.Instant;
import java.util.Map;

/**
 * What the segments read as of a "now": per contact as its deals and activities were recorded for (merges not
 * followed), its value and engagement.
 *
 * @param until the first instant after that "now" at which, with no new fact, the same reads would count an
 *              activity differently (it enters or leaves a window, or the days read change at midnight UTC)
 */
record Tallies(Map<String, CustomerTally> byContact, Instant until) {
}
