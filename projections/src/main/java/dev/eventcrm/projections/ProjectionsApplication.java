package dev.eventcrm.projections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The projections alone, as their own process; the all-in-one launcher imports {@link ProjectionsConfiguration}. */
@SpringBootApplication
public class ProjectionsApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApplication.class, args);
    }
}
