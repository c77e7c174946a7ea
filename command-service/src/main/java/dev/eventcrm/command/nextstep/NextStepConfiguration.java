package dev.eventcrm.command.nextstep;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NextStepProperties.class)
class NextStepConfiguration {

    /**
     * A next-step reaction that fails fails its cause: Axon's default would log the error and commit the deal's
     * change without its next step, breaking the rule for good.
     */
    @Bean
    ConfigurerModule nextStepErrorsPropagate() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                NextStepAutomation.GROUP, config -> PropagatingErrorHandler.instance());
    }
}
