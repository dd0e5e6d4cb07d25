package io.recq.cdi.event.projector;

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
 * One projector for one of its contexts. Its handlers run inside the transaction that moves its position, so
 * that a read model in the same database changes exactly once per event. A new consumer starts before the
 * first event: a new projector, or a projector whose version was raised, replays the whole stream.
 */
public final class ProjectorConsumer extends EventConsumer {

    /**
     * @param projector the projector
     * @param context one of its contexts ({@code "*"} for all)
     * @param payloadTypes the registered payload classes by logical name
     * @param resources what the consumer needs from the deployment
     */
    public ProjectorConsumer(ComponentModel projector, String context,
            Function<String, Optional<Class<? extends Payload>>> payloadTypes, Resources resources) {
        super(ConsumerId.of(projector, context), projector, HandlerKind.EVENT, payloadTypes, resources);
        if (projector.kind() != ComponentKind.PROJECTOR) {
            throw new IllegalArgumentException(projector.componentClass().getName() + " is not a @Projector");
        }
    }

    @Override
    public long initialPosition(long head) {
        return 0;
    }

    @Override
    protected void handle(StoredEventMessage<Event> message, HandlerMethod handler, HandlerArguments arguments)
            throws Exception {
        Object target = target();
        HandlerScope.call(new HandlerScope.Frame(ComponentKind.PROJECTOR, handler.describe(), message.messageId(),
                message.metadata()), () -> invoke(handler, target, arguments));
    }
}
