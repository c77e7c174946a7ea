package dev.eventcrm.standalone.embedded;

import org.slf4j.LoggerFactory;

/**
 * Lowers the level of the very chatty loggers of the embedded servers to WARN, when Logback is the SLF4J
 * binding. This is best effort: Spring Boot's logging system resets Logback when it initialises, so a level set
 * here before {@code SpringApplication.run} is lost. Set the same levels in application.yml as well
 * ({@code logging.level.kafka}, {@code logging.level.org.apache.kafka}, {@code logging.level.state.change.logger},
 * {@code logging.level.de.bwaldvogel}: WARN).
 */
final class QuietLoggers {

    private QuietLoggers() {
    }

    static void warnOnly(String... loggerNames) {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                for (String name : loggerNames) {
                    ch.qos.logback.classic.Logger logger = context.getLogger(name);
                    // Respect a level that someone configured explicitly (e.g. DEBUG while investigating).
                    if (logger.getLevel() == null) {
                        logger.setLevel(ch.qos.logback.classic.Level.WARN);
                    }
                }
            }
        } catch (LinkageError logbackNotOnClasspath) {
            // another SLF4J binding: leave its configuration alone
        }
    }
}
