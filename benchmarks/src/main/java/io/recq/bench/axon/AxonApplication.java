package io.recq.bench.axon;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.probe.CommitProbe;

/**
 * The Axon application: configured with Axon's {@code Configurer} API and started once when the deployment
 * starts, shut down when it is undeployed.
 *
 * <ul>
 * <li>{@link DefaultConfigurer#jpaConfiguration} over the container's transaction-scoped entity manager of the
 * {@value #UNIT} persistence unit (Axon's entities, on the server's default datasource) and the server's JTA
 * transactions: Axon's {@code JpaEventStorageEngine} in an {@code EmbeddedEventStore}, its {@code JpaTokenStore};
 * a {@code SQLErrorCodesResolver} over the datasource, so that a duplicate event is told apart from other
 * failures;</li>
 * <li>Axon's default, local {@code SimpleCommandBus} and {@code SimpleQueryBus} (no Axon Server: no
 * {@code axon-server-connector} on the class path, and no configurer modules are looked up);</li>
 * <li>{@code JacksonSerializer} for events, snapshots, tokens and metadata;</li>
 * <li>the {@link AxonAccount} aggregate with a snapshot every 20 events, as RECQ's;</li>
 * <li>a tracking event processor for {@link AxonAccountProjector} taking up to {@value #LIVE_BATCH} events per
 * transaction (RECQ's {@code recq.event.batch-size}), and the query handler {@link AxonBalanceQueries}.</li>
 * </ul>
 *
 * <p>Axon's threads (the event store's producer, the processors' workers) come from the server's managed thread
 * factory, so that they carry the application's context and can use JTA.
 */
@ApplicationScoped
public class AxonApplication {

    /** The persistence unit of Axon's entities (events, snapshots, tokens). */
    public static final String UNIT = "axon";
    /** The live projector's tracking processor. */
    public static final String PROJECTOR = "AxonAccountProjector";
    /** Most events per transaction of the live processor, and per read of its event store. */
    public static final int LIVE_BATCH = 500;
    /** Snapshot after this many events, as RECQ's aggregate. */
    public static final int SNAPSHOT_FREQUENCY = 20;

    private static final Logger LOG = Logger.getLogger(AxonApplication.class.getName());

    @PersistenceContext(unitName = UNIT)
    EntityManager axonEntityManager;

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager readModel;

    @Resource
    UserTransaction userTransaction;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    CommitProbe probe;

    private volatile Configuration configuration;
    private volatile AxonThreads configurationThreads;

    void start(@Observes Startup startup) {
        AxonThreads threads = threads();
        Configurer configurer = configurer("axon", LIVE_BATCH, threads, processing -> processing
                .registerTrackingEventProcessor(PROJECTOR, Configuration::eventStore, c -> processor(PROJECTOR,
                        LIVE_BATCH, threads))
                .registerEventHandler(c -> new AxonAccountProjector(readModel, probe)));
        configurer.registerComponent(CommitProbe.class, c -> probe);
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(AxonAccount.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        SNAPSHOT_FREQUENCY)));
        configurer.registerQueryHandler(c -> new AxonBalanceQueries(readModel));
        Configuration started = configurer.buildConfiguration();
        started.start();
        configurationThreads = threads;
        configuration = started;
    }

    @PreDestroy
    void stop() {
        Configuration started = configuration;
        configuration = null;
        if (started == null) {
            return;
        }
        started.shutdown();
        try {
            if (!configurationThreads.awaitTermination(Duration.ofSeconds(10))) {
                LOG.warning("Threads of the Axon application still run 10 s after its shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the command gateway of the started application
     */
    public CommandGateway commands() {
        return started().commandGateway();
    }

    /**
     * @return the query gateway of the started application
     */
    public QueryGateway queries() {
        return started().queryGateway();
    }

    /**
     * @return the event storage engine of the started application
     */
    public EventStorageEngine storage() {
        return started().getComponent(EventStorageEngine.class);
    }

    /**
     * @return a new set of managed threads for one Axon configuration
     */
    public AxonThreads threads() {
        return new AxonThreads(threads);
    }

    /**
     * @return Axon's transactions over the server's JTA
     */
    public TransactionManager transactionManager() {
        return new JtaTransactionManager(userTransaction);
    }

    /**
     * The configuration every Axon application of the benchmark shares (the live one and the replays): JPA
     * event storage and token store on the {@value #UNIT} unit, JTA, Jackson, managed threads.
     *
     * @param name names the threads
     * @param readBatch most events per read of the event storage
     * @param threads where the configuration's threads come from
     * @param processing registers the processors and their handlers
     * @return the configurer, for more
     */
    public Configurer configurer(String name, int readBatch, AxonThreads threads,
            Consumer<EventProcessingConfigurer> processing) {
        Serializer serializer = JacksonSerializer.builder().classLoader(AxonApplication.class.getClassLoader())
                .build();
        Configurer configurer = DefaultConfigurer.jpaConfiguration(
                new SimpleEntityManagerProvider(axonEntityManager), transactionManager());
        configurer.configureSerializer(c -> serializer)
                .registerComponent(PersistenceExceptionResolver.class, c -> exceptionResolver())
                .registerComponent(EventStorageEngine.class, c -> JpaEventStorageEngine.builder()
                        .snapshotSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .upcasterChain(c.upcasterChain())
                        .snapshotFilter(c.snapshotFilter())
                        .persistenceExceptionResolver(c.getComponent(PersistenceExceptionResolver.class))
                        .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .batchSize(readBatch)
                        .build())
                .configureEventStore(c -> {
                    EmbeddedEventStore store = EmbeddedEventStore.builder()
                            .storageEngine(c.getComponent(EventStorageEngine.class))
                            .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                            .threadFactory(threads.named(name + "-event-store"))
                            .build();
                    c.onShutdown(store::shutDown);
                    return store;
                })
                .eventProcessing(processing);
        return configurer;
    }

    /**
     * @param name the processor's name
     * @param batchSize most events per transaction
     * @param threads where its threads come from
     * @return a single-threaded tracking processor on managed threads, from the first event (Axon's default)
     */
    public TrackingEventProcessorConfiguration processor(String name, int batchSize, AxonThreads threads) {
        return TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andBatchSize(batchSize)
                .andThreadFactory(processor -> threads.named(name));
    }

    private PersistenceExceptionResolver exceptionResolver() {
        try {
            return new SQLErrorCodesResolver(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the datasource's database product", e);
        }
    }

    private Configuration started() {
        Configuration started = configuration;
        if (started == null) {
            throw new IllegalStateException("The Axon application is not started");
        }
        return started;
    }
}
