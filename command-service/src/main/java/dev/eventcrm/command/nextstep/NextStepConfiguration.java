package dev.eventcrm.command.nextstep;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** A next-step reaction that fails fails its cause, as every automated reaction does (AutomationConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NextStepProperties.class)
class NextStepConfiguration {
}
