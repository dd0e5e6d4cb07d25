package io.recq.jms.query;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;

import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.spi.IncomingQuery;
import io.recq.cdi.spi.QueryBus;
import io.recq.cdi.spi.QueryOutcome;
import io.recq.cdi.spi.QueryProcessor;
import io.recq.cdi.spi.QueryRequest;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;

/**
 * Sends queries to the query queue, where any node with the handler may answer, and completes the caller's
 * future with the answer read into the query's declared answer type.
 *
 * <p>Queries are non-persistent messages that expire at the caller's deadline, and never join a transaction.
 * A query sent by a {@code @QueryHandler} (a projection asking another projection) is answered in-process on
 * the calling thread: the handler is known to be local (the gateway checked it), and sending it through the
 * queue could deadlock when every query consumer thread waits for such a nested answer.
 */
@ApplicationScoped
public class JmsQueryBus implements QueryBus {

    private JmsTransport transport;
    private Instance<QueryProcessor> processors;

    protected JmsQueryBus() {
        // for the proxy
    }

    @Inject
    public JmsQueryBus(JmsTransport transport, Instance<QueryProcessor> processors) {
        this.transport = transport;
        this.processors = processors;
    }

    @Override
    public CompletableFuture<Object> dispatch(QueryRequest request) {
        try {
            if (isNested() && processors.isResolvable() && transport.service().equals(request.service())) {
                return answerInProcess(request);
            }
            transport.ensureStarted();
            Destination replyTo = transport.replies().replyTo();
            if (replyTo == null) {
                throw transport.unavailable("no reply queue (" + transport.replies().lastError() + ")");
            }
            long now = System.currentTimeMillis();
            long timeout = request.timeout().toMillis();
            CompletableFuture<Object> answer = transport.replies().register(request.messageId(), request.timeout(),
                    (name, json) -> read(request, json), "query " + request.payloadName());
            try {
                transport.send(transport.config().queryDestination(request.service()), true, request.json(), message -> {
                    message.setJMSReplyTo(replyTo);
                    message.setJMSCorrelationID(request.messageId());
                    message.setStringProperty(MessageFormat.MESSAGE_ID, request.messageId());
                    message.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
                    message.setStringProperty(MessageFormat.PAYLOAD, request.payloadName());
                    message.setStringProperty(MessageFormat.METADATA, MessageFormat.writeMetadata(request.metadata()));
                    MessageFormat.writeTraceContext(message, request.metadata());
                    message.setLongProperty(MessageFormat.TIMESTAMP, now);
                    message.setLongProperty(MessageFormat.DEADLINE, now + timeout);
                }, DeliveryMode.NON_PERSISTENT, timeout, false);
            } catch (RuntimeException e) {
                transport.replies().fail(request.messageId(), e);
            }
            return answer;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean isNested() {
        return HandlerScope.current().map(frame -> frame.kind() == ComponentKind.PROJECTION).orElse(false);
    }

    private CompletableFuture<Object> answerInProcess(QueryRequest request) {
        QueryOutcome outcome = processors.get().process(new IncomingQuery(request.messageId(),
                request.payloadName(), request.json(), request.metadata(), Instant.now()));
        if (!outcome.succeeded()) {
            return CompletableFuture.failedFuture(outcome.failure());
        }
        return CompletableFuture.completedFuture(read(request, outcome.answerJson()));
    }

    private Object read(QueryRequest request, String json) {
        // the codec reads Single and Multiple through their item type (JSON-B cannot resolve their type variable)
        return json == null ? null : transport.runtime().codec().readValue(json, request.answerType());
    }
}
