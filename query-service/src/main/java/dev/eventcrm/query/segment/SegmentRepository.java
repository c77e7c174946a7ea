package dev.eventcrm.query.segment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import dev.eventcrm.query.mongo.ShareKey;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The segments' reads: the buckets of {@code customer_facts} (written by the projections' customer-value fold), by
 * {@code _id}, and the created contacts' dimensions.
 * <ul>
 *   <li>{@code bucket:cv:<0..31>}: the whole customer base in 32 chunks, per contact its won and open deals, won
 *   amounts per currency and the instants of its wins;</li>
 *   <li>{@code bucket:cv:act:<YYYY-MM-DD>} (UTC days): per contact the activities of the day, and their instants:
 *   the days wholly inside the last 30 or 90 days are counted whole, the day each window starts on and today by
 *   instant (an activity dated after now counts for no window).</li>
 * </ul>
 */
@Repository
class SegmentRepository {
    static final String COLLECTION = "customer_facts";
    private static final String CHUNK_PREFIX = "bucket:cv:";
    private static final String ACTIVITY_PREFIX = "bucket:cv:act:";
    /** As many as the projections' {@code CustomerBuckets} spread the contacts over. */
    private static final int CHUNKS = 32;
    private static final Duration RECENT = Duration.ofDays(30);
    private static final Duration ENGAGED = Duration.ofDays(90);
    private static final Bson CONTACT_FIELDS = Projections.include("mergedInto", "archived", "country", "city",
            "source");

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> contacts;

    SegmentRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
        this.contacts = database.getCollection("contacts");
    }

    /** Per contact as its deals and activities were recorded for (merges not followed), its value as of {@code now}. */
    Mono<Tallies> tallies(Instant now) {
        Map<String, CustomerTally> tallies = new HashMap<>();
        Instant engagedSince = now.minus(ENGAGED);
        Instant recentSince = now.minus(RECENT);
        LocalDate today = day(now);
        LocalDate engaged = day(engagedSince);
        LocalDate recent = day(recentSince);
        List<String> wholeDays = new ArrayList<>();
        List<String> cutDays = new ArrayList<>();
        for (LocalDate day = engaged; !day.isAfter(today); day = day.plusDays(1)) {
            boolean cut = day.equals(engaged) || day.equals(recent) || day.equals(today);
            (cut ? cutDays : wholeDays).add(ACTIVITY_PREFIX + day);
        }
        // Until the next midnight the same days are whole (and their activities stay inside their windows); an
        // activity of a cut day changes the counts when it comes due or leaves a window.
        Instant[] until = {today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
        List<String> chunks = IntStream.range(0, CHUNKS).mapToObj(i -> CHUNK_PREFIX + i).toList();
        return Flux.concat(
                        read(chunks, "totals").doOnNext(chunk -> deals(chunk, tallies)),
                        read(wholeDays, "totals.acts").doOnNext(day -> {
                            boolean isRecent = LocalDate.parse(day.getString("_id").substring(ACTIVITY_PREFIX.length()))
                                    .isAfter(recent);
                            ShareKey.sums(totals(day), "acts").forEach((key, count) -> tally(tallies, contact(key))
                                    .activities(isRecent ? count.intValueExact() : 0, count.intValueExact()));
                        }),
                        read(cutDays, "totals.actsAt").doOnNext(day ->
                                ShareKey.sums(totals(day), "actsAt").forEach((key, count) -> {
                                    List<String> values = ShareKey.values(key); // contact, epoch milliseconds
                                    Instant at = Instant.ofEpochMilli(Long.parseLong(values.get(1)));
                                    until[0] = earliest(until[0], at.isAfter(now) ? at
                                            : at.isAfter(recentSince) ? at.plus(RECENT)
                                            : at.isAfter(engagedSince) ? at.plus(ENGAGED) : null);
                                    if (!at.isAfter(now) && at.isAfter(engagedSince)) {
                                        tally(tallies, values.get(0)).activities(
                                                at.isAfter(recentSince) ? count.intValueExact() : 0,
                                                count.intValueExact());
                                    }
                                })))
                .then(Mono.fromSupplier(() -> new Tallies(tallies, until[0])));
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static void deals(Document chunk, Map<String, CustomerTally> tallies) {
        Document totals = totals(chunk);
        ShareKey.sums(totals, "won").forEach((key, count) -> tally(tallies, contact(key)).won(count.intValueExact()));
        ShareKey.sums(totals, "open").forEach((key, count) -> tally(tallies, contact(key)).open(count.intValueExact()));
        Map<String, BigDecimal> counts = ShareKey.sums(totals, "wonCount");
        ShareKey.sums(totals, "wonTotal").forEach((key, total) -> {
            List<String> values = ShareKey.values(key); // contact, currency
            tally(tallies, values.get(0)).wonIn(values.get(1), total, counts.get(key).intValueExact());
        });
        ShareKey.sums(totals, "wonAt").keySet().forEach(key -> {
            List<String> values = ShareKey.values(key); // contact, epoch milliseconds
            tally(tallies, values.get(0)).wonAt(Instant.ofEpochMilli(Long.parseLong(values.get(1))));
        });
    }

    private static CustomerTally tally(Map<String, CustomerTally> tallies, String contactId) {
        return tallies.computeIfAbsent(contactId, id -> new CustomerTally());
    }

    /** The contact of a key of one value. */
    private static String contact(String key) {
        return ShareKey.values(key).get(0);
    }

    private static Document totals(Document bucket) {
        return bucket.get("totals", new Document());
    }

    private Flux<Document> read(List<String> ids, String fields) {
        return Flux.from(facts.find(Filters.in("_id", ids)).projection(Projections.include(fields)));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Created contacts (version -1 is a placeholder for calls that came before the contact's creation). */
    Mono<List<ContactRow>> contacts() {
        return Flux.from(contacts.find(Filters.ne("version", -1)).projection(CONTACT_FIELDS))
                .map(doc -> new ContactRow(String.valueOf(doc.get("_id")), doc.getString("mergedInto"),
                        Boolean.TRUE.equals(doc.getBoolean("archived")), doc.getString("country"),
                        doc.getString("city"), doc.getString("source")))
                .collectList();
    }
}
