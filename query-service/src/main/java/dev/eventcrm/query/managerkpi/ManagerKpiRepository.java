package dev.eventcrm.query.managerkpi;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
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
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The managers report's reads: the day buckets of the KPIs ({@code manager_kpi_facts}, written by the projections'
 * manager-kpis), the managers' teams now ({@code users}), their open tasks past due now ({@code tasks}) and the quotas of
 * managers and teams ({@code quotas}).
 */
@Repository
class ManagerKpiRepository {
    static final String COLLECTION = "manager_kpi_facts";
    static final String QUOTAS = "quotas";
    private static final Bson BUCKET_FIELDS = Projections.include("totals");

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> users;
    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> quotas;

    ManagerKpiRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
        this.users = database.getCollection("users");
        this.tasks = database.getCollection("tasks");
        this.quotas = database.getCollection(QUOTAS);
    }

    /** The day buckets with these ids (those that exist), their {@code totals} only. */
    Flux<Document> dayBuckets(List<String> ids) {
        return Flux.from(facts.find(Filters.in("_id", ids)).projection(BUCKET_FIELDS));
    }

    /** The quotas of {@code managers} and of {@code teams}. */
    Flux<QuotaPlan> quotas(Collection<String> managers, Collection<String> teams) {
        return Flux.from(quotas.find(Filters.or(Filters.in("managerId", managers), Filters.in("teamId", teams))))
                .map(QuotaPlan::from);
    }

    /** Manager -> team now, for those of {@code managers} in a team. */
    Mono<Map<String, String>> teams(List<String> managers) {
        return Flux.from(users.find(Filters.and(Filters.in("_id", managers), Filters.ne("teamId", null)))
                        .projection(Projections.include("teamId")))
                .collectMap(user -> user.getString("_id"), user -> user.getString("teamId"));
    }

    /** Manager -> open tasks due before {@code now}, for those of {@code managers} with any. */
    Mono<Map<String, Long>> overdue(List<String> managers, Instant now) {
        return Flux.from(tasks.aggregate(List.of(
                        Aggregates.match(Filters.and(Filters.in("assigneeId", managers), Filters.eq("status", "OPEN"),
                                Filters.lt("dueAt", Date.from(now)))),
                        Aggregates.group("$assigneeId", Accumulators.sum("count", 1)))))
                .collect(HashMap::new, (counts, group) -> counts.put(group.getString("_id"),
                        ((Number) group.get("count")).longValue()));
    }
}
