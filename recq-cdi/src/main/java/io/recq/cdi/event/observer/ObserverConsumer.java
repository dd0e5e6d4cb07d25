package io.recq.cdi.event.observer;

import java.util.Optional;
import java.util.function.Function;

import io.recq.api.Event;
import io.recq.api.Payload;
import io.recq.cdi.event.ConsumerId;
import io.recq.cdi.event.EventConsumer;
import io.recq.cdi.event.StoredEventMessage;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.runtime.HandlerScope;

/**
 * One observer. Its handlers run outside any transaction (side effects in other systems cannot be rolled
 * back anyway, and a handler may wait for the commands it sends); after a handler succeeds the event is
 * recorded as handled, so that a second delivery of the same event skips it. A crash between the two runs
 * the handler again: delivery is at least once. A new observer starts at the head of the stream.
 */
public final class ObserverConsumer extends EventConsumer {

    /**
     * @param observer the observer
     * @param payloadTypes the registered payload classes by logical name
     * @param resources what the consumer needs from the deployment
     */
    public ObserverConsumer(ComponentModel observer, Function<String, Optional<Class<? extends Payload>>> payloadTypes,
            Resources resources) {
        super(ConsumerId.of(observer, ConsumerId.ALL_CONTEXTS), observer, HandlerKind.EVENT, payloadTypes, resources);
        if (observer.kind() != ComponentKind.OBSERVER) {
            throw new IllegalArgumentException(observer.componentClass().getName() + " is not an @Observer");
        }
    }

    @Override
    public long initialPosition(long head) {
        return head;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    protected void handle(StoredEventMessage<Event> message, HandlerMethod handler, HandlerArguments arguments)
            throws Exception {
        Object target = target();
        HandlerScope.call(new HandlerScope.Frame(ComponentKind.OBSERVER, handler.describe(), message.messageId(),
                message.metadata()), () -> invoke(handler, target, arguments));
    }
}
