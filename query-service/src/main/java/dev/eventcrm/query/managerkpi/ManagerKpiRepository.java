package dev.eventcrm.query.managerkpi;

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

import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The managers report's reads: the buckets (the KPIs, and the open tasks by due day) and the contacts' activities of
 * {@code manager_kpi_facts}, written by the projections' manager-kpis fold, by {@code _id}; the managers' teams now
 * ({@code users}) and the quotas of managers and teams ({@code quotas}).
 */
@Repository
class ManagerKpiRepository {
    static final String COLLECTION = "manager_kpi_facts";
    static final String QUOTAS = "quotas";
    /** The open tasks' buckets, by due day (the projections' {@code KpiBuckets}). */
    static final String DUE = "bucket:kpi:due";

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> users;
    private final MongoCollection<Document> quotas;

    ManagerKpiRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.facts = database.getCollection(COLLECTION);
        this.users = database.getCollection("users");
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

    /** The open tasks due up to the end of {@code today}: the due buckets by day and today's by instant. */
    Mono<OpenTasksDue> openTasksDue(LocalDate today) {
        String todays = DUE + ":" + today;
        return Flux.from(facts.find(Filters.in("_id", List.of(DUE, todays))).projection(Projections.include("totals")))
                .collectMap(bucket -> bucket.getString("_id"))
                .map(read -> OpenTasksDue.of(today, read.get(DUE), read.get(todays)));
    }
}
