package dev.eventcrm.query.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service's own Mongo client. Not default candidates: other modules' Mongo beans share the context in the
 * all-in-one launcher, so these are injected only by qualifier and never satisfy (or clash with) a by-type lookup.
 */
@Configuration(proxyBeanMethods = false)
public class QueryMongoConfiguration {

    public static final String CLIENT = "queryMongoClient";
    public static final String DATABASE = "queryMongoDatabase";

    @Bean(name = CLIENT, destroyMethod = "close", defaultCandidate = false)
    MongoClient queryMongoClient(QueryMongoProperties properties) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applicationName("eventcrm-query")
                .build());
    }

    @Bean(name = DATABASE, defaultCandidate = false)
    MongoDatabase queryMongoDatabase(@Qualifier(CLIENT) MongoClient client, QueryMongoProperties properties) {
        return client.getDatabase(properties.database());
    }
}
