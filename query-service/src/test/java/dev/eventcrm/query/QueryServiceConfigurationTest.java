package dev.eventcrm.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The way the all-in-one launcher uses this module: imported next to another module's Mongo beans. */
class QueryServiceConfigurationTest {

    record OtherModuleService(MongoClient client) {
    }

    @Test
    void importedConfigurationKeepsItsMongoBeansOutOfOtherModulesByTypeInjection() {
        new ApplicationContextRunner()
                .withBean("projectionsMongoClient", MongoClient.class, () -> MongoClients.create(EmbeddedMongo.uri()))
                .withBean(OtherModuleService.class)
                .withUserConfiguration(QueryServiceConfiguration.class)
                .withPropertyValues("crm.mongodb.uri=" + EmbeddedMongo.uri())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(QueryServiceApplication.class);
                    Object own = context.getBean("queryMongoClient");
                    assertThat(context.getBean(OtherModuleService.class).client())
                            .isSameAs(context.getBean("projectionsMongoClient"))
                            .isNotSameAs(own);
                    assertThat(context.getBean("queryMongoDatabase", MongoDatabase.class).getName()).isEqualTo("crm");
                    assertThat(context.getBean(QueryProperties.class).maxPageSize()).isEqualTo(200);
                });
    }
}
