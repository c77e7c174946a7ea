package dev.eventcrm.standalone.embedded;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.NonStickyEventExecutorGroup;
import io.netty.util.concurrent.UnorderedThreadPoolEventExecutor;

/**
 * mongo-java-server's wire protocol (its own encoders, decoder and database handler), bound as its
 * {@code MongoServer} binds it, except that the database handler runs on a pool instead of the connection's I/O
 * thread. {@code MongoServer} runs every command on the I/O thread its connection is bound to, and each I/O thread
 * serves several connections: a read then waits behind whatever another connection on that thread is doing, such
 * as a projection batch's bulk write and its {@code crmCommit} (JFR under a write stream: one worker busy for up to
 * 216 ms at a stretch while reports answered at p99 160-300 ms). Here a connection's commands still run one after
 * the other, in order (a non-sticky ordered executor per connection), on whichever pool thread is free.
 */
final class MongoWireServer implements AutoCloseable {

    /** Commands in progress at once: reads run side by side; writes and commits queue on the backend's locks. */
    private static final int DATABASE_THREADS = 16;
    private static final int QUIET_PERIOD_MILLIS = 100;
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final MongoBackend backend;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final EventExecutorGroup database;
    private final ChannelGroup clients;
    private final Channel listener;

    private MongoWireServer(MongoBackend backend, InetSocketAddress address, int ioThreads) {
        this.backend = backend;
        acceptor = new NioEventLoopGroup(1, new MongoThreadFactory("mongo-server-boss"));
        io = new NioEventLoopGroup(ioThreads, new MongoThreadFactory("mongo-server-worker"));
        database = new NonStickyEventExecutorGroup(
                new UnorderedThreadPoolEventExecutor(DATABASE_THREADS, new MongoThreadFactory("mongo-server-db")));
        clients = new DefaultChannelGroup("mongodb-channels", io.next());
        try {
            listener = new ServerBootstrap()
                    .group(acceptor, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(address)
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new MongoWireReplyEncoder())
                                    .addLast(new MongoWireMessageEncoder())
                                    .addLast(new MongoWireProtocolHandler())
                                    .addLast(database, new MongoDatabaseHandler(backend, clients))
                                    .addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind().syncUninterruptibly().channel();
        } catch (Exception e) { // also Netty's BindException, checked but not declared
            stopThreads();
            throw e;
        }
    }

    /**
     * Listens on {@code host:port} and serves {@code backend}, which {@link #close()} closes.
     *
     * @param ioThreads threads that read and write the connections (0: Netty's default, twice the cores)
     */
    static MongoWireServer start(MongoBackend backend, String host, int port, int ioThreads) {
        return new MongoWireServer(backend, new InetSocketAddress(host, port), ioThreads);
    }

    /** Stops listening, closes the connections, lets running commands finish, then closes the backend. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        stopThreads();
        backend.close();
    }

    /**
     * The I/O threads first, after a quiet period: closing a connection hands its pipeline's teardown to the pool and
     * back to the connection's I/O thread. Then the pool, after the commands it is running.
     */
    private void stopThreads() {
        for (EventExecutorGroup group : new EventExecutorGroup[] {acceptor, io, database}) {
            group.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .syncUninterruptibly();
        }
    }
}
