package dev.eventcrm.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import into an HTTP service to get problem+json errors for every failure (controller, filter, codec or Netty),
 * strict JSON binding of request bodies and checked request headers.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
public class ApiSupportConfiguration {

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
