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

/** The reports' reads of {@code deal_facts}, one document per deal written by the projections' deal-facts fold. */
@Repository
class ReportRepository {

    static final String COLLECTION = "deal_facts";
    private static final Bson FORECAST_FIELDS = Projections.include("stage", "status", "ownerId", "amount",
            "expectedCloseDate", "wonAt", "wonBy");
    private static final Bson DYNAMICS_FIELDS = Projections.include("status", "amount", "openedAt", "wonAt", "lostAt",
            "moves");

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

    /** The deals that were opened, won, lost or moved in [{@code from}, {@code to}). */
    Flux<Document> activeBetween(Instant from, Instant to) {
        // $elemMatch on the scalar array: one instant within both bounds, so the index scan is bounded on both ends.
        Bson within = new Document("dates", new Document("$elemMatch",
                new Document("$gte", Date.from(from)).append("$lt", Date.from(to))));
        return Flux.from(deals.find(within).projection(DYNAMICS_FIELDS));
    }
}
