package dev.eventcrm.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

final class TestSupport {

    private TestSupport() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Without a logback configuration file Logback logs everything at DEBUG: keep the clients' chatter out of the
     * test output (the embedded servers quiet their own loggers).
     */
    static void quietClientLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : new String[] {"org.mongodb.driver", "io.netty", "reactor", "org.apache.kafka"}) {
                context.getLogger(name).setLevel(Level.WARN);
            }
        }
    }
}
