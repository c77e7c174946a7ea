package dev.eventcrm.projections.testing;

import com.mongodb.MongoException;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A database whose every bulkWrite of a document matching a condition fails before anything of it is written, as if
 * the process died right there: what a projection wrote before that call stays written, nothing after it happens.
 */
public final class CrashingWrites {
    private CrashingWrites() {
    }

    /**
     * A database whose first bulkWrite of a document matching a condition waits, before anything of it is written,
     * until {@code release} opens; {@code reached} opens when it starts waiting (a writer paused mid-batch).
     */
    public static MongoDatabase holdingOn(MongoDatabase database, Predicate<Document> written, CountDownLatch reached,
                                          CountDownLatch release) {
        AtomicBoolean held = new AtomicBoolean();
        return proxy(MongoDatabase.class, database, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getCollection")
                    ? proxy(MongoCollection.class, (MongoCollection<?>) result, (collection, call, callArgs) -> {
                        if (call.getName().equals("bulkWrite") && ((List<?>) callArgs[0]).stream()
                                .anyMatch(model -> written.test(document((WriteModel<?>) model)))
                                && held.compareAndSet(false, true)) {
                            reached.countDown();
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                        }
                        return call.invoke(collection, callArgs);
                    })
                    : result;
        });
    }

    /** A database whose every updateMany fails before anything of it is written. */
    public static MongoDatabase crashingOnUpdateMany(MongoDatabase database) {
        return proxy(MongoDatabase.class, database, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getCollection")
                    ? proxy(MongoCollection.class, (MongoCollection<?>) result, (collection, call, callArgs) -> {
                        if (call.getName().equals("updateMany")) {
                            throw new MongoException("crashed before updating " + callArgs[0]);
                        }
                        return call.invoke(collection, callArgs);
                    })
                    : result;
        });
    }

    public static MongoDatabase crashingOn(MongoDatabase database, Predicate<Document> written) {
        return proxy(MongoDatabase.class, database, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getCollection") ? collection((MongoCollection<?>) result, written)
                    : result;
        });
    }

    private static MongoCollection<?> collection(MongoCollection<?> collection, Predicate<Document> written) {
        return proxy(MongoCollection.class, collection, (target, method, args) -> {
            if (method.getName().equals("bulkWrite")) {
                for (Object model : (List<?>) args[0]) {
                    Document document = document((WriteModel<?>) model);
                    if (written.test(document)) {
                        throw new MongoException("crashed before writing " + document.get("_id"));
                    }
                }
            }
            return method.invoke(target, args);
        });
    }

    private static Document document(WriteModel<?> model) {
        return (Document) (model instanceof InsertOneModel<?> insert ? insert.getDocument()
                : ((ReplaceOneModel<?>) model).getReplacement());
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            try {
                return handler.handle(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation);
    }
}
