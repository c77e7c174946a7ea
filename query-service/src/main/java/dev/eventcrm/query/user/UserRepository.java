package dev.eventcrm.query.user;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.mongo.QueryMongoConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class UserRepository {

    static final String COLLECTION = "users";
    /** The projection's bookkeeping, never shown. */
    private static final Bson HIDDEN = Projections.exclude("applied", "rev");

    private final MongoCollection<Document> users;

    UserRepository(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.users = database.getCollection(COLLECTION);
    }

    Mono<Document> findById(String id) {
        return Mono.from(users.find(Filters.eq("_id", id)).projection(HIDDEN).first());
    }

    /** Users matching every condition, in {@code _id} order after {@code afterId}: one more than asked. */
    Mono<List<Document>> findPage(List<Bson> conditions, String afterId, int limit) {
        List<Bson> filters = new ArrayList<>(conditions);
        if (afterId != null) {
            filters.add(Filters.gt("_id", afterId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(users.find(filter).projection(HIDDEN).sort(Sorts.ascending("_id"))
                        .limit(limit + 1).batchSize(limit + 1))
                .collectList();
    }

    /** {@code {_id: teamId, members, activeMembers}} per team that has a user, in team id order. */
    Flux<Document> teams() {
        return Flux.from(users.aggregate(List.of(
                Aggregates.match(Filters.ne("teamId", null)),
                Aggregates.group("$teamId", Accumulators.sum("members", 1),
                        Accumulators.sum("activeMembers", new Document("$cond", List.of("$active", 1, 0)))),
                Aggregates.sort(Sorts.ascending("_id")))));
    }
}
