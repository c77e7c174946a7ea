package dev.eventcrm.query.report;

import java.util.List;

/**
 * {@code GET /api/v1/reports/dynamics}.
 *
 * @param from     the first day counted
 * @param to       the day after the last one counted
 * @param timeZone the installation's zone, in which days are cut
 * @param periods  every period that overlaps [from, to), empty ones included, in order
 */
public record DynamicsView(String granularity, String from, String to, String timeZone, List<Period> periods) {

    /**
     * @param period     the ISO date the period starts on (a Monday for weeks, the 1st for months); the first
     *                   period may start before {@code from}, only the days from {@code from} on are counted
     * @param revenueWon the amounts of the deals won in the period, per currency, decimal strings
     */
    public record Period(String period, long dealsOpened, long dealsWon, long dealsLost, List<Revenue> revenueWon,
                         long stageMoves) {
    }

    public record Revenue(String currency, String amount) {
    }
}
