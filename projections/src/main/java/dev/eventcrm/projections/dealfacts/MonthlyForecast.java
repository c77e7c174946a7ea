package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.bucket.Contributions;
import dev.eventcrm.projections.bucket.ShareKeys;
import org.bson.Document;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast's per-month buckets of a pipeline, by the report's definitions:
 * <ul>
 *   <li>{@code bucket:fc:<pipeline>:open:<YYYY-MM>}: the open deals expected to close in that month;
 *   {@code ...:open:undated} those without an expected close date, {@code ...:open:early} those expected before
 *   {@link #FIRST_MONTH} (all overdue for any current month after it, so the report reads one bucket for them);</li>
 *   <li>{@code bucket:fc:<pipeline>:won:<YYYY-MM>}: the deals currently won in that month of the installation's
 *   zone.</li>
 * </ul>
 * An open deal's share: {@code deals} (count per current owner) and {@code open} (its amount per owner, stage and
 * currency: the report weighs each stage's sum with the stage's probability at query time, exact as
 * Σ amount × p = p × Σ amount); a won deal's: {@code deals} per owner who won it and {@code won} per that owner and
 * currency. A deal without an amount (or currency) counts in {@code deals} only. Keys are {@link ShareKeys}; counts
 * are decimal strings too, so that the owner can be a key. A deal whose close date, pipeline or win changes leaves its
 * earlier buckets: its previous share is taken out of them ({@link dev.eventcrm.projections.bucket.Buckets}).
 */
public final class MonthlyForecast implements Contributions<DealFacts> {
    public static final String ID_PREFIX = "bucket:fc:";
    /** Open deals expected before this month share one bucket. */
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final String EARLY = "early";

    private final ZoneId zone;

    public MonthlyForecast(ZoneId zone) {
        this.zone = zone;
    }

    /** The bucket of a pipeline's open deals of a close month ({@link DealFacts#closeMonth}). */
    public static String openBucket(String pipelineId, String closeMonth) {
        boolean early = !DealFacts.UNDATED.equals(closeMonth) && YearMonth.parse(closeMonth).isBefore(FIRST_MONTH);
        return ID_PREFIX + pipelineId + ":open:" + (early ? EARLY : closeMonth);
    }

    public static String wonBucket(String pipelineId, YearMonth month) {
        return ID_PREFIX + pipelineId + ":won:" + month;
    }

    @Override
    public Map<String, Document> of(DealFacts deal) {
        Map<String, Document> buckets = new TreeMap<>();
        boolean priced = deal.amountValue() != null && deal.amountCurrency() != null;
        if (deal.status() == StageKind.OPEN) {
            Document share = new Document("deals", new Document(ShareKeys.of(deal.ownerId()), "1"));
            if (priced) {
                share.append("open", new Document(ShareKeys.of(deal.ownerId(), deal.stage(), deal.amountCurrency()),
                        deal.amountValue()));
            }
            buckets.put(openBucket(deal.pipelineId(), DealFacts.closeMonth(deal.expectedCloseDate())), share);
        } else if (deal.status() == StageKind.WON) {
            Document share = new Document("deals", new Document(ShareKeys.of(deal.wonBy()), "1"));
            if (priced) {
                share.append("won", new Document(ShareKeys.of(deal.wonBy(), deal.amountCurrency()),
                        deal.amountValue()));
            }
            buckets.put(wonBucket(deal.pipelineId(), month(deal.wonAt())), share);
        }
        return buckets;
    }

    private YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }
}
