package dev.eventcrm.query.segment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code crm.reports.*} here, so the segments feature brings its own settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SegmentProperties.class)
class SegmentConfiguration {
}
