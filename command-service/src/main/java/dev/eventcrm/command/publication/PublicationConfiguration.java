package dev.eventcrm.command.publication;

import dev.eventcrm.command.CommandServiceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "crm.publication.enabled", havingValue = "true", matchIfMissing = true)
class PublicationConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, String> eventProducer(CommandServiceProperties properties) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "crm-publication-relay"),
                new StringSerializer(), new StringSerializer());
    }

    @Bean
    PublicationRelay publicationRelay(StoredEvents store, PublicationPosition position, EnvelopeWriter envelopes,
                                      Producer<String, String> eventProducer, CommandServiceProperties properties,
                                      MeterRegistry meters) {
        return new PublicationRelay(store, position, envelopes, eventProducer, new KafkaTopic(properties.kafka()),
                properties, meters, Clock.systemUTC());
    }
}
