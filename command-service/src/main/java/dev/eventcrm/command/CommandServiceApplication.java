package dev.eventcrm.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the command side alone, against the event store and Kafka named by CRM_EVENTSTORE_URL and CRM_KAFKA_BOOTSTRAP. */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        // no usage reports to AxonIQ from a machine that may be offline or private
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
