package dev.eventcrm.query.managerkpi;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;

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
import java.util.Set;

/**
 * The managers report's reads: the buckets and the contacts' activities of {@code manager_kpi_facts} (written by the
 * projections' manager-kpis fold), by {@code _id}; the managers' teams now ({@code users}), their open tasks past due now ({@code tasks}) and the quotas of
 * managers and teams ({@code quotas}).
 */
@Repository
class ManagerKpiRepository {
    static final String COLLECTION = "manager_kpi_facts";
    static final String QUOTAS = "quotas";

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

    /** The stored buckets among {@code ids}, their totals only: found by {@code _id}. */
    Flux<Document> buckets(Collection<String> ids) {
        return Flux.from(facts.find(Filters.in("_id", ids)).projection(Projections.include("totals")));
    }

    /** {@code kpis} with its first responses reconciled with the activities about the contacts it names. */
    Mono<ManagerKpis> responded(ManagerKpis kpis) {
        Set<String> contacts = kpis.answeredContacts();
        if (contacts.isEmpty()) {
            return Mono.just(kpis);
        }
        List<String> ids = contacts.stream().map(contact -> ManagerKpis.RESPONSES + contact).toList();
        return Flux.from(facts.find(Filters.in("_id", ids)).projection(Projections.include("touches")))
                .collectMap(document -> document.getString("_id").substring(ManagerKpis.RESPONSES.length()),
                        document -> document.getList("touches", Document.class, List.of()).stream()
                                .map(touch -> touch.get("at", Date.class).toInstant()).toList())
                .map(kpis::reconcile);
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
