package dev.eventcrm.projections.customervalue;

import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.bucket.Contributions;
import dev.eventcrm.projections.bucket.ShareKeys;
import org.bson.Document;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The segments' buckets, so that the report reads a fixed number of documents by id, not every deal and activity:
 * <ul>
 *   <li>{@code bucket:cv:<0..31>}, the contacts spread over {@link #CHUNKS} by the hash of their id: per contact
 *   ({@link ShareKeys} of its id; counts are decimal strings) its won deals ({@code won}) and open ones
 *   ({@code open}); per contact and currency the won amounts ({@code wonTotal}) and how many won deals have one
 *   ({@code wonCount}); per contact and instant of a win, in epoch milliseconds, how many deals were won then
 *   ({@code wonAt}: the first and last purchase, and recency);</li>
 *   <li>{@code bucket:cv:act:<YYYY-MM-DD>} (UTC days): per contact the activities that day ({@code acts}), and per
 *   contact and instant ({@code actsAt}), so that a window of the last 30 or 90 days counts whole days in between
 *   and cuts its first day and today exactly.</li>
 * </ul>
 * A deal's or an activity's contact is the one it was recorded for: the report follows merges when it reads.
 */
public final class CustomerBuckets implements Contributions<CustomerFact> {
    public static final String CHUNK_PREFIX = "bucket:cv:";
    public static final String ACTIVITY_PREFIX = "bucket:cv:act:";
    /** Chunks of the customer base: each batch rewrites those of the contacts it touches, each a 32nd. */
    public static final int CHUNKS = 32;

    @Override
    public Map<String, Document> of(CustomerFact fact) {
        if (fact.kind() == null || fact.contactId() == null) {
            return Map.of();
        }
        String contact = ShareKeys.of(fact.contactId());
        if (fact.kind() == CustomerFact.Kind.ACTIVITY) {
            if (fact.at() == null) {
                return Map.of();
            }
            String instant = ShareKeys.of(fact.contactId(), Long.toString(fact.at().toEpochMilli()));
            return Map.of(ACTIVITY_PREFIX + LocalDate.ofInstant(fact.at(), ZoneOffset.UTC),
                    new Document("acts", new Document(contact, "1")).append("actsAt", new Document(instant, "1")));
        }
        Document share = new Document();
        if (fact.status() == StageKind.WON && fact.wonAt() != null) {
            share.append("won", new Document(contact, "1")).append("wonAt", new Document(
                    ShareKeys.of(fact.contactId(), Long.toString(fact.wonAt().toEpochMilli())), "1"));
            if (fact.amountValue() != null && fact.amountCurrency() != null) {
                String key = ShareKeys.of(fact.contactId(), fact.amountCurrency());
                share.append("wonTotal", new Document(key, fact.amountValue()))
                        .append("wonCount", new Document(key, "1"));
            }
        } else if (fact.status() == StageKind.OPEN) {
            share.append("open", new Document(contact, "1"));
        }
        return share.isEmpty() ? Map.of() : Map.of(chunk(fact.contactId()), share);
    }

    /** The chunk of a contact's deals: {@link String#hashCode} is specified, so it is the same in every JVM. */
    private static String chunk(String contactId) {
        return CHUNK_PREFIX + Math.floorMod(contactId.hashCode(), CHUNKS);
    }
}
