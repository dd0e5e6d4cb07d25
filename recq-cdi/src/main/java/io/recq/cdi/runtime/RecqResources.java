package io.recq.cdi.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;

/**
 * The container resources the runtime uses, obtained so that they can be had wherever RECQ's jars are
 * deployed: in {@code WEB-INF/lib} of a WAR and in {@code EAR/lib} of an EAR.
 *
 * <p>Beans in {@code EAR/lib} start in the EAR's own initialisation, on a thread without a component naming
 * context: {@code java:comp} (the container's default resources, {@code java:comp/UserTransaction}) cannot be
 * looked up there, neither can {@code @Resource} fields be injected, while {@code java:app} and
 * {@code java:global} can (see {@code docs/2026-11-25-ear-startup.md}). Therefore:
 * <ul>
 * <li>the managed thread factory and executors are resources RECQ defines itself, in {@code java:app}, with
 * the Jakarta Concurrency definition annotations on this class;</li>
 * <li>the {@link UserTransaction} is the container's built-in CDI bean; the
 * {@link TransactionSynchronizationRegistry} is the container's CDI bean where it has one, else
 * {@code java:comp/TransactionSynchronizationRegistry};</li>
 * <li>each can be replaced by any JNDI name the application's start can see (MicroProfile Config keys in
 * {@link RecqConfig}: {@code recq.managed-thread-factory}, {@code recq.managed-scheduled-executor},
 * {@code recq.managed-executor}, {@code recq.user-transaction},
 * {@code recq.transaction-synchronization-registry}).</li>
 * </ul>
 * Threads of the thread factory carry a copy of the context of the thread that made them, the deployment's start
 * for all of the runtime's threads: in an EAR, no naming context. Look every resource up at start, through this
 * bean, never from those threads; make threads at start.
 *
 * <p>Each resource is resolved once, on first use, and kept.
 */
@ManagedThreadFactoryDefinition(name = RecqResources.DEFAULT_THREAD_FACTORY)
@ManagedScheduledExecutorDefinition(name = RecqResources.DEFAULT_SCHEDULED_EXECUTOR)
@ManagedExecutorDefinition(name = RecqResources.DEFAULT_EXECUTOR)
@ApplicationScoped
public class RecqResources {

    /** The ManagedThreadFactory RECQ defines for each deployment. */
    public static final String DEFAULT_THREAD_FACTORY = "java:app/recq/concurrent/ThreadFactory";
    /** The ManagedScheduledExecutorService RECQ defines for each deployment. */
    public static final String DEFAULT_SCHEDULED_EXECUTOR = "java:app/recq/concurrent/ScheduledExecutor";
    /** The ManagedExecutorService RECQ defines for each deployment. */
    public static final String DEFAULT_EXECUTOR = "java:app/recq/concurrent/Executor";

    /**
     * Where each concurrency resource is looked for when not configured: RECQ's own definition (WildFly processes
     * the definition annotations of a library in {@code EAR/lib}), then the platform's default, then its global
     * name on Payara and GlassFish, which process definitions only on a module's classes and whose defaults are
     * not in {@code java:comp} at an EAR's start.
     */
    static final List<String> THREAD_FACTORIES = List.of(DEFAULT_THREAD_FACTORY,
            "java:comp/DefaultManagedThreadFactory", "concurrent/__defaultManagedThreadFactory");
    static final List<String> SCHEDULED_EXECUTORS = List.of(DEFAULT_SCHEDULED_EXECUTOR,
            "java:comp/DefaultManagedScheduledExecutorService", "concurrent/__defaultManagedScheduledExecutorService");
    static final List<String> EXECUTORS = List.of(DEFAULT_EXECUTOR, "java:comp/DefaultManagedExecutorService",
            "concurrent/__defaultManagedExecutorService");

    private static final String COMP_TRANSACTION_SYNCHRONIZATION_REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private RecqConfig config;
    private Instance<UserTransaction> userTransactions;
    private Instance<TransactionSynchronizationRegistry> registries;
    private final Map<String, Object> resolved = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile ManagedThreadFactory ownContextThreads;

    protected RecqResources() {
        // for the proxy
    }

    @Inject
    public RecqResources(RecqConfig config, Instance<UserTransaction> userTransactions,
            Instance<TransactionSynchronizationRegistry> registries) {
        this.config = config;
        this.userTransactions = userTransactions;
        this.registries = registries;
    }

    /**
     * @return the thread factory for the runtime's long-running threads (consumers, trackers); each thread it makes
     *         runs in its own copy of the context of the thread that made it ({@link OwnContextThreadFactory})
     */
    public ManagedThreadFactory threadFactory() {
        ManagedThreadFactory threads = ownContextThreads;
        if (threads == null) {
            threads = new OwnContextThreadFactory(
                    resource(RecqConfig.MANAGED_THREAD_FACTORY, ManagedThreadFactory.class, THREAD_FACTORIES),
                    executor().getContextService());
            ownContextThreads = threads;
        }
        return threads;
    }

    /**
     * @return the scheduler for timeouts, hand-offs and periodic work
     */
    public ManagedScheduledExecutorService scheduledExecutor() {
        return resource(RecqConfig.MANAGED_SCHEDULED_EXECUTOR, ManagedScheduledExecutorService.class,
                SCHEDULED_EXECUTORS);
    }

    /**
     * @return the executor for short asynchronous work
     */
    public ManagedExecutorService executor() {
        return resource(RecqConfig.MANAGED_EXECUTOR, ManagedExecutorService.class, EXECUTORS);
    }

    /**
     * @return the JTA user transaction, for threads of the runtime that demarcate transactions
     */
    public UserTransaction userTransaction() {
        return configuredOr(RecqConfig.USER_TRANSACTION, UserTransaction.class,
                () -> bean(userTransactions, UserTransaction.class, RecqConfig.USER_TRANSACTION));
    }

    /**
     * @return the registry that tells whether the calling thread runs in a transaction and registers
     *         synchronizations (usable from any component, including container-managed-transaction EJBs)
     */
    public TransactionSynchronizationRegistry transactionSynchronizationRegistry() {
        return configuredOr(RecqConfig.TRANSACTION_SYNCHRONIZATION_REGISTRY, TransactionSynchronizationRegistry.class,
                () -> registries.isResolvable() ? registries.get()
                        : lookup(COMP_TRANSACTION_SYNCHRONIZATION_REGISTRY, TransactionSynchronizationRegistry.class,
                                RecqConfig.TRANSACTION_SYNCHRONIZATION_REGISTRY));
    }

    /**
     * Resolves a resource of another part of the runtime: the JNDI name configured under {@code key}, else the
     * first of {@code defaults} that exists.
     *
     * @param <T> the resource type
     * @param key the MicroProfile Config key naming the resource
     * @param type the resource type
     * @param defaults the JNDI names to try, in order, when the key is not configured
     * @return the resource
     * @throws RecqException {@code RECQ-01009} when it cannot be found
     */
    public <T> T resource(String key, Class<T> type, List<String> defaults) {
        return configuredOr(key, type, () -> {
            NamingException last = null;
            for (String name : defaults) {
                try {
                    return checked(name, new InitialContext().lookup(name), type, key);
                } catch (NamingException e) {
                    last = e;
                }
            }
            throw notFound(String.join(" or ", defaults), type, key, last);
        });
    }

    /**
     * @param key a MicroProfile Config key naming a resource
     * @param defaults the JNDI names tried when it is not configured
     * @return the JNDI name that {@link #resource} resolves, or the first default before it has
     */
    public String nameOf(String key, List<String> defaults) {
        return config.getString(key, names.getOrDefault(key, defaults.get(0)));
    }

    private <T> T configuredOr(String key, Class<T> type, Supplier<T> otherwise) {
        return type.cast(resolved.computeIfAbsent(key, k -> {
            String name = config.getString(key, null);
            return name == null ? otherwise.get() : lookup(name, type, key);
        }));
    }

    private <T> T lookup(String name, Class<T> type, String key) {
        try {
            return checked(name, new InitialContext().lookup(name), type, key);
        } catch (NamingException e) {
            throw notFound(name, type, key, e);
        }
    }

    private <T> T checked(String name, Object found, Class<T> type, String key) {
        if (!type.isInstance(found)) {
            throw new RecqException(ErrorCode.RESOURCE_NOT_FOUND.code() + " JNDI name " + name + " is a "
                    + found.getClass().getName() + ", not a " + type.getName() + ". Fix: set " + key
                    + " to the JNDI name of a " + type.getSimpleName());
        }
        names.put(key, name);
        return type.cast(found);
    }

    private static <T> T bean(Instance<T> beans, Class<T> type, String key) {
        if (!beans.isResolvable()) {
            throw new RecqException(ErrorCode.RESOURCE_NOT_FOUND.code() + " RECQ cannot find a CDI bean of type "
                    + type.getName() + " (RecqResources). Fix: set " + key + " to the JNDI name of a "
                    + type.getSimpleName());
        }
        return beans.get();
    }

    private static RecqException notFound(String name, Class<?> type, String key, NamingException cause) {
        return new RecqException(ErrorCode.RESOURCE_NOT_FOUND.code() + " RECQ cannot find " + name + " ("
                + type.getSimpleName() + ") in JNDI (RecqResources): "
                + (cause == null ? "no name given" : cause.getMessage()) + ". Fix: set " + key
                + " to a JNDI name of a " + type.getSimpleName() + " that the application's start can see: java:app, "
                + "java:global or a server-wide name (java:comp and java:module are not visible there when RECQ "
                + "is in EAR/lib)", cause);
    }
}
