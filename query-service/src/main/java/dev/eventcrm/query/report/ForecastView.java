package dev.eventcrm.query.report;

import java.util.List;

/**
 * {@code GET /api/v1/reports/forecast}.
 *
 * @param timeZone the installation's zone, in which the current month and the won months are cut
 * @param months   every month of the window, from the current one, empty ones included
 * @param overdue  open deals whose expected close month is before the current one
 * @param undated  open deals without an expected close date
 */
public record ForecastView(String pipelineId, String timeZone, String from, String to, List<Month> months,
                           List<Owner> overdue, List<Owner> undated) {

    /** @param month ISO {@code YYYY-MM} */
    public record Month(String month, List<Owner> owners) {
    }

    /**
     * One owner's deals in a bucket.
     *
     * @param ownerId   an open deal's current owner, a won deal's owner when it was won; null for a deal without one
     * @param openDeals open deals expected to close in the bucket
     * @param wonDeals  deals won in the bucket's month (always 0 for overdue and undated)
     */
    public record Owner(String ownerId, int openDeals, int wonDeals, List<Totals> totals) {
    }

    /**
     * Decimal strings, per currency.
     *
     * @param open     the open deals' amounts
     * @param weighted each open deal's amount times its current stage's probability, exact
     * @param won      the won deals' amounts
     */
    public record Totals(String currency, String open, String weighted, String won) {
    }
}
