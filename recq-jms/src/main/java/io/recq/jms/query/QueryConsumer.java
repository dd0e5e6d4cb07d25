package io.recq.jms.query;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Query;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.IncomingQuery;
import io.recq.cdi.spi.QueryOutcome;
import io.recq.cdi.spi.QueryProcessor;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.InboundRequest;
import io.recq.jms.JmsTransport;
import io.recq.jms.reply.Replies;

/**
 * One consumer thread of the query queue. Runs without a transaction: a query is acknowledged when it is
 * received, answered by the {@link QueryProcessor}, and the answer (or failure) is sent to the caller's
 * reply queue. A query whose caller has stopped waiting is skipped; an unreadable one is answered with an
 * {@link InvalidPayloadException}, an unknown one with a {@link HandlerNotFoundException}.
 */
public final class QueryConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(QueryConsumer.class.getName());

    private final JmsTransport transport;
    private final QueryProcessor processor;
    private JMSContext context;
    private JMSConsumer consumer;

    /**
     * @param name the thread's name
     * @param transport the transport
     * @param processor the runtime that answers queries
     */
    public QueryConsumer(String name, JmsTransport transport, QueryProcessor processor) {
        super(name);
        this.transport = transport;
        this.processor = processor;
    }

    @Override
    protected void poll() {
        if (context == null) {
            context = transport.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
            String service = transport.service();
            consumer = context.createSharedConsumer(transport.queryTopic(context, service),
                    transport.config().queryDestination(service));
        }
        Message message = consumer.receive(transport.config().receiveTimeout().toMillis());
        if (message != null) {
            handle(message);
        }
    }

    private void handle(Message message) {
        InboundRequest.Envelope envelope = InboundRequest.Envelope.of(message);
        if (envelope.expired(System.currentTimeMillis())) {
            LOG.fine(() -> "Skipped query " + envelope.messageId() + ": its caller stopped waiting");
            return;
        }
        InboundRequest request;
        try {
            request = InboundRequest.read(message, envelope, transport.config().maxPayloadBytes());
        } catch (InvalidPayloadException e) {
            if (envelope.replyTo() == null) {
                LOG.warning(() -> "RECQ dropped an unreadable query without a reply-to: " + e.getMessage());
            }
            Replies.failure(transport.telemetry(), context, envelope, e);
            return;
        }
        if (!isKnown(request.payloadName())) {
            Replies.failure(transport.telemetry(), context, envelope, new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code()
                    + " no @QueryHandler for the query '" + request.payloadName() + "' in the service "
                    + transport.service() + ". Fix: send it to the service that handles it (RECQ's gateways route by "
                    + "type), and run the same version of the service on every node consuming "
                    + transport.config().queryDestination(transport.service())));
            return;
        }
        QueryOutcome outcome;
        try {
            outcome = processor.process(new IncomingQuery(request.messageId(), request.payloadName(),
                    request.json(), request.metadata(), request.timestamp()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RECQ failed to answer the query " + request.payloadName() + " ("
                    + request.messageId() + "): " + e, e);
            outcome = new QueryOutcome(null, e);
        }
        if (outcome.succeeded()) {
            Replies.success(transport.telemetry(), context, envelope, null, outcome.answerJson());
        } else {
            Replies.failure(transport.telemetry(), context, envelope, outcome.failure());
        }
    }

    private boolean isKnown(String payloadName) {
        return transport.runtime().model().payloadType(payloadName)
                .filter(Query.class::isAssignableFrom)
                .flatMap(type -> transport.runtime().model().queryHandler(type))
                .isPresent();
    }

    @Override
    protected void disconnect() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing the query consumer's context failed", e);
            }
            context = null;
            consumer = null;
        }
    }
}
