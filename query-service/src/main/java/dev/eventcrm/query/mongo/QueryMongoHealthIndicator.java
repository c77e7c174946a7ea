package dev.eventcrm.query.mongo;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Health component {@code queryMongo}: pings the read-model database. */
@Component("queryMongoHealthIndicator")
public class QueryMongoHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private final MongoDatabase database;

    public QueryMongoHealthIndicator(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        super("Read-model MongoDB ping failed");
        this.database = database;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .timeout(PING_TIMEOUT)
                .map(reply -> builder.up().withDetail("database", database.getName()).build());
    }
}
