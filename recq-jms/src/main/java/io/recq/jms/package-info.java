/**
 * The Jakarta Messaging transport of RECQ: destinations, message format, request/reply, consumer threads,
 * redelivery and dead-lettering. It implements the {@code CommandBus} and {@code QueryBus} of
 * {@code io.recq.cdi.spi} and calls the runtime's {@code CommandProcessor} and {@code QueryProcessor}.
 *
 * <h2>Destinations</h2>
 * Each service ({@code recq.service.name}) consumes its commands from the topic {@code recq.commands.<service>}
 * through a shared durable subscription of the same name, and its queries from the topic
 * {@code recq.queries.<service>} through a shared non-durable subscription of the same name; stored events are
 * announced on the topic {@code recq.events}, which every service shares. The broker creates the topics'
 * addresses on first use; nothing is declared for them (see {@link io.recq.jms.RecqDestinations}), so that any
 * number of RECQ applications share a server and a broker. Each application has its own dead-letter queue,
 * declared with {@code @JMSDestinationDefinition} without a physical name (or the queue
 * {@code recq.jms.dead-letter-queue} names). The whole contract, for programs that do not use RECQ, is
 * {@code docs/wire-format.md}.
 *
 * <h2>Message format</h2>
 * Every message but an event announcement is a {@code TextMessage} whose body is the payload's JSON (JSON-B),
 * with these properties
 * (names in {@link io.recq.jms.MessageFormat}):
 * <table>
 * <caption>Properties</caption>
 * <tr><th>property</th><th>on</th><th>meaning</th></tr>
 * <tr><td>{@code recq_payload}</td><td>command, query, event, command reply</td><td>the payload's logical
 * name (simple class name); JSON is only read into the registered class of that name</td></tr>
 * <tr><td>{@code recq_message_id}</td><td>command, query, event</td><td>unique id (events: the global
 * sequence)</td></tr>
 * <tr><td>{@code recq_routing_key}</td><td>command</td><td>aggregate id or service lock id, if any</td></tr>
 * <tr><td>{@code JMSXGroupID}</td><td>command</td><td>= the routing key, when there is one: the broker hands
 * all messages of one group to one consumer at a time</td></tr>
 * <tr><td>{@code recq_metadata}</td><td>command, query, event</td><td>the metadata as one JSON object of
 * strings</td></tr>
 * <tr><td>{@code recq_timestamp}</td><td>command, query, event</td><td>when sent (events: stored), epoch
 * ms</td></tr>
 * <tr><td>{@code recq_deadline}</td><td>command, query</td><td>when the caller stops waiting, epoch ms;
 * consumers skip a request past it, and replies are not sent past it. JMSExpiration is set to the same
 * instant</td></tr>
 * <tr><td>{@code JMSReplyTo}, {@code JMSCorrelationID}</td><td>command, query</td><td>the caller's reply
 * queue; the request's message id</td></tr>
 * <tr><td>{@code recq_sequence}, {@code recq_event_count}</td><td>event announcement</td><td>the highest
 * sequence a transaction stored, and how many events it stored</td></tr>
 * <tr><td>{@code recq_sequence}, {@code recq_aggregate_id}, {@code recq_aggregate_version},
 * {@code recq_context}</td><td>event (with {@code recq.jms.event-topic-content=events})</td><td>the event's
 * place in the store</td></tr>
 * <tr><td>{@code recq_format}</td><td>every message</td><td>the wire format's version, {@code 1}; a request
 * of a format the receiver does not know is refused (absent: {@code 1})</td></tr>
 * <tr><td>{@code recq_payload_class}</td><td>command reply</td><td>the result's class in the replying
 * service, which a sender reads it into when its application has that class</td></tr>
 * <tr><td>{@code recq_outcome}</td><td>reply</td><td>{@code ok}: the body is the result (command: the
 * first event, named by {@code recq_payload}; query: the answer) or empty; {@code failed}: the body is the
 * exception's message</td></tr>
 * <tr><td>{@code recq_error_class}, {@code recq_error_code}</td><td>failed reply</td><td>the exception's
 * class name and RECQ code; the caller rebuilds the class when it can load it</td></tr>
 * <tr><td>{@code recq_dead_reason}, {@code recq_dead_origin}</td><td>dead letter</td><td>why and from
 * where a command was moved to the dead-letter queue (its other properties are kept)</td></tr>
 * </table>
 * The event topic carries, by default, one announcement per transaction that stored events: a message
 * without a body, with {@code recq_sequence} and {@code recq_event_count}. RECQ's event consumers read the
 * events from the store; the announcement only wakes them. With {@code recq.jms.event-topic-content=events}
 * it carries each event instead, as a message of its own in order (a {@code TextMessage} as above), for
 * subscribers outside RECQ; the store remains the record, since the topic's messages are not kept for a
 * subscriber that is away.
 * Commands are persistent; queries, replies and events are non-persistent (events are durable in the
 * store). Replies carry JMSCorrelationID = the request's message id and expire at its deadline.
 */
package io.recq.jms;
