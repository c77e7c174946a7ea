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

import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;

/**
 * The reports' reads of {@code deal_facts}, written by the projections' deal-facts fold: one document per deal, and
 * the dynamics' per-day buckets ({@code _id} {@code bucket:day:<date>}, {@code kind: "bucket"}), which no query of
 * deals matches as they carry none of the deal fields (no {@code pipelineId}).
 */
@Repository
class ReportRepository {

    static final String COLLECTION = "deal_facts";
    private static final Bson FORECAST_FIELDS = Projections.include("stage", "status", "ownerId", "amount",
            "expectedCloseDate", "wonAt", "wonBy");
    private static final Bson BUCKET_FIELDS = Projections.include("totals");

    private final MongoCollection<Document> deals;

    ReportRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.deals = database.getCollection(COLLECTION);
    }

    /**
     * The pipeline's open deals expected to close by {@code lastMonth} (overdue and undated ones included), and its
     * deals won in [{@code wonFrom}, {@code wonTo}).
     */
    Flux<Document> forecast(String pipelineId, YearMonth lastMonth, Instant wonFrom, Instant wonTo) {
        Bson open = Filters.and(Filters.eq("pipelineId", pipelineId), Filters.eq("status", "OPEN"),
                Filters.or(Filters.lte("expectedCloseMonth", lastMonth.toString()),
                        Filters.eq("expectedCloseMonth", null)));
        Bson won = Filters.and(Filters.eq("pipelineId", pipelineId), Filters.eq("status", "WON"),
                Filters.gte("wonAt", Date.from(wonFrom)), Filters.lt("wonAt", Date.from(wonTo)));
        return Flux.concat(deals.find(open).projection(FORECAST_FIELDS), deals.find(won).projection(FORECAST_FIELDS));
    }

    /** The stored day buckets among {@code ids}, their totals only (not each deal's share): found by {@code _id}. */
    Flux<Document> dayBuckets(List<String> ids) {
        return Flux.from(deals.find(Filters.in("_id", ids)).projection(BUCKET_FIELDS));
    }
}
