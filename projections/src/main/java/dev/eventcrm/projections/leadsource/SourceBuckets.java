package dev.eventcrm.projections.leadsource;

import dev.eventcrm.projections.bucket.Contributions;
import dev.eventcrm.projections.bucket.ShareKeys;
import org.bson.Document;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The sources report's buckets, by its definitions:
 * <ul>
 *   <li>{@code bucket:src:day:<YYYY-MM-DD>} (days of the installation's zone): the contacts created that day
 *   ({@code contacts} per current source; a contact merged into another counts nowhere) and the deals opened that day
 *   with their current win and amount ({@code deals}, {@code won}, {@code cycle} in milliseconds per source,
 *   {@code revenue} per source and currency). A deal opened without a source of its own counts for its contact's
 *   current source, which may change after the deal's last event: such deals are kept per contact instead
 *   ({@code dealsOf}, {@code wonOf}, {@code cycleOf}, {@code revenueOf}), and the report looks up those contacts'
 *   sources when it reads them. A day holds one entry per such contact, not per deal.</li>
 *   <li>{@code bucket:src:spend:<YYYY-MM>}: each source's spend of the month per currency ({@code spend}).</li>
 * </ul>
 * Keys are {@link ShareKeys}; counts are decimal strings too, so that sources can be keys. Contact, deal and spend
 * ids are UUIDs, so none takes a bucket's id.
 */
public final class SourceBuckets implements Contributions<LeadSourceFact> {
    public static final String DAY_PREFIX = "bucket:src:day:";
    public static final String SPEND_PREFIX = "bucket:src:spend:";

    private final ZoneId zone;

    public SourceBuckets(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Map<String, Document> of(LeadSourceFact fact) {
        if (fact.kind() == null) {
            return Map.of();
        }
        return switch (fact.kind()) {
            case CONTACT -> fact.at() == null || fact.mergedInto() != null ? Map.of()
                    : Map.of(day(fact), new Document("contacts", new Document(ShareKeys.of(fact.source()), "1")));
            case DEAL -> fact.at() == null ? Map.of() : Map.of(day(fact), deal(fact));
            case SPEND -> fact.month() == null || fact.amountValue() == null ? Map.of()
                    : Map.of(SPEND_PREFIX + fact.month(), new Document("spend",
                    new Document(ShareKeys.of(fact.source(), fact.amountCurrency()), fact.amountValue())));
        };
    }

    private static Document deal(LeadSourceFact deal) {
        boolean own = deal.source() != null;
        String suffix = own ? "" : "Of";
        String attributed = own ? deal.source() : deal.contactId();
        Document share = new Document("deals" + suffix, new Document(ShareKeys.of(attributed), "1"));
        if (deal.wonAt() != null) {
            share.append("won" + suffix, new Document(ShareKeys.of(attributed), "1"));
            share.append("cycle" + suffix, new Document(ShareKeys.of(attributed),
                    Long.toString(Duration.between(deal.at(), deal.wonAt()).toMillis())));
            if (deal.amountValue() != null && deal.amountCurrency() != null) {
                share.append("revenue" + suffix, new Document(ShareKeys.of(attributed, deal.amountCurrency()),
                        deal.amountValue()));
            }
        }
        return share;
    }

    private String day(LeadSourceFact fact) {
        return DAY_PREFIX + fact.at().atZone(zone).toLocalDate();
    }
}
