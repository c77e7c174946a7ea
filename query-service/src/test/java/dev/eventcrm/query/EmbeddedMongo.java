package dev.eventcrm.query;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** One in-process MongoDB wire server per test JVM, shared by every Spring context of the run. */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static String uri;

    private EmbeddedMongo() {
    }

    public static synchronized String uri() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-shutdown"));
        }
        return uri;
    }
}
