package dev.eventcrm.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Import into an HTTP service to get problem+json errors. */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
public class ApiSupportConfiguration {
}
