package dev.eventcrm.query;

import dev.eventcrm.api.ApiSupportConfiguration;
import dev.eventcrm.query.mongo.QueryMongoProperties;
import dev.eventcrm.query.user.UserProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** Everything the query service contributes to an application context. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.eventcrm.query",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
@EnableConfigurationProperties({QueryProperties.class, QueryMongoProperties.class, UserProperties.class})
@Import(ApiSupportConfiguration.class)
public class QueryServiceConfiguration {

    /** "Now" of the queries relative to it (overdue tasks, today's): a bean, so that tests can fix it. */
    @Bean
    public Clock queryClock() {
        return Clock.systemUTC();
    }
}
