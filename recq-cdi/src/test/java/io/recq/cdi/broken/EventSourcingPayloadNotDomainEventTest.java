package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class EventSourcingPayloadNotDomainEventTest {

    @Test
    void rejectsAnEventSourcingHandlerOfAServiceEvent() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(DoorAggregate.class);

        // then
        deployment.failsWithOnly(ErrorCode.EVENT_SOURCING_PAYLOAD_NOT_DOMAIN_EVENT,
                DoorAggregate.class.getName() + "#on(Painted, DoorState)")
                .mentions("Painted is an Event but not a DomainEvent");
    }

    public record Open(String doorId) implements DomainCommand {
        @Override
        public String aggregateId() {
            return doorId;
        }
    }

    public record Opened(String doorId) implements DomainEvent {
    }

    public record Painted(String doorId) implements ServiceEvent {
    }

    public static class DoorState extends AggregateState {
    }

    @Aggregate
    static class DoorAggregate {
        @AggregateCommandHandler(init = true)
        Opened handle(Open command) {
            return new Opened(command.doorId());
        }

        @EventSourcingHandler
        void on(Painted event, DoorState state) {
        }
    }
}
