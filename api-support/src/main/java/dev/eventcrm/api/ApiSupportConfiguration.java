package dev.eventcrm.api;

import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.api.phone.PhoneProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import into an HTTP service to get problem+json errors for every failure (controller, filter, codec or Netty),
 * strict JSON binding of request bodies, checked request headers and the installation's phone numbers.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
@EnableConfigurationProperties(PhoneProperties.class)
public class ApiSupportConfiguration {

    @Bean
    PhoneNumbers phoneNumbers(PhoneProperties properties) {
        return new PhoneNumbers(properties.defaultRegion());
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    RequestHeaderRules requestHeaderRules() {
        return new RequestHeaderRules();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemHandler problems, ObjectProvider<JsonMapper> json) {
        // A context without Jackson's auto-configuration (a module imported alone) still renders problems.
        return new ProblemWebExceptionHandler(problems, json.getIfAvailable(JsonMapper::new));
    }

    @Bean
    DecodingFailureProblems decodingFailureProblems() {
        return new DecodingFailureProblems();
    }
}
