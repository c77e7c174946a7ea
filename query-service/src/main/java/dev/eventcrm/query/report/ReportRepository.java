package dev.eventcrm.query.report;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The reports' reads of {@code deal_facts}, written by the projections' deal-facts fold: the dynamics' per-day
 * buckets ({@code _id} {@code bucket:day:<date>}) and the forecast's per-month buckets ({@code bucket:fc:...}), by id.
 */
@Repository
class ReportRepository {

    static final String COLLECTION = "deal_facts";
    private static final Bson BUCKET_FIELDS = Projections.include("totals");

    private final MongoCollection<Document> deals;

    ReportRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.deals = database.getCollection(COLLECTION);
    }

    /** The stored buckets among {@code ids}, their totals only (not each deal's share): found by {@code _id}. */
    Flux<Document> buckets(List<String> ids) {
        return Flux.from(deals.find(Filters.in("_id", ids)).projection(BUCKET_FIELDS));
    }
}
