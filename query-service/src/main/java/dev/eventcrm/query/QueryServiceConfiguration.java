package dev.eventcrm.query;

import dev.eventcrm.api.ApiSupportConfiguration;
import dev.eventcrm.query.mongo.QueryMongoProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** Everything the query service contributes to an application context. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.eventcrm.query",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
@EnableConfigurationProperties({QueryProperties.class, QueryMongoProperties.class})
@Import(ApiSupportConfiguration.class)
public class QueryServiceConfiguration {
}
