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
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The managers report's reads: the KPI facts ({@code manager_kpi_facts}, written by the projections' manager-kpis
 * fold), the managers' teams now ({@code users}), their open tasks past due now ({@code tasks}) and the quotas of
 * managers and teams ({@code quotas}).
 */
@Repository
class ManagerKpiRepository {
    static final String COLLECTION = "manager_kpi_facts";
    static final String QUOTAS = "quotas";
    private static final Bson FACT_FIELDS = Projections.include("contactId", "dealId", "facts", "amount");

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

    /** The documents with a fact in [{@code from}, {@code to}). */
    Flux<KpiDocument> between(Instant from, Instant to) {
        // $elemMatch on the scalar array: one instant within both bounds, so the index scan is bounded on both ends.
        Bson within = new Document("dates", new Document("$elemMatch",
                new Document("$gte", Date.from(from)).append("$lt", Date.from(to))));
        return Flux.from(facts.find(within).projection(FACT_FIELDS)).map(KpiDocument::from);
    }

    /** The calls, meetings and e-mails about {@code deals} or {@code contacts} at or after {@code since}. */
    Flux<KpiDocument> activitiesAbout(Collection<String> deals, Collection<String> contacts, Instant since) {
        Bson about = Filters.and(Filters.or(Filters.in("dealId", deals), Filters.in("contactId", contacts)),
                Filters.in("facts.type", KpiDocument.ACTIVITIES), Filters.gte("dates", Date.from(since)));
        return Flux.from(facts.find(about).projection(FACT_FIELDS)).map(KpiDocument::from);
    }

    /** {@code kpis} with the first responses to the deals it counts as opened. */
    Mono<ManagerKpis> responded(ManagerKpis kpis) {
        List<ManagerKpis.Opening> openings = kpis.openings();
        if (openings.isEmpty()) {
            return Mono.just(kpis);
        }
        Set<String> deals = openings.stream().map(ManagerKpis.Opening::dealId).collect(Collectors.toSet());
        Set<String> contacts = openings.stream().map(ManagerKpis.Opening::contactId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Instant since = openings.stream().map(ManagerKpis.Opening::at).min(Comparator.naturalOrder()).orElseThrow();
        return activitiesAbout(deals, contacts, since).collectList().map(kpis::respond);
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
