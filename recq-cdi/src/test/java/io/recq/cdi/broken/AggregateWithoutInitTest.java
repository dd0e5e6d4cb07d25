package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.cdi.model.ErrorCode;

class AggregateWithoutInitTest {

    @Test
    void rejectsAnAggregateWithoutInitHandler() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(AccountAggregate.class);

        // then
        deployment.failsWithOnly(ErrorCode.AGGREGATE_WITHOUT_INIT, AccountAggregate.class.getName())
                .mentions("init = true");
    }

    public record Deposit(String accountId, long amount) implements DomainCommand {
        @Override
        public String aggregateId() {
            return accountId;
        }
    }

    public record Deposited(String accountId, long amount) implements DomainEvent {
    }

    @Aggregate
    static class AccountAggregate {
        @AggregateCommandHandler
        Deposited handle(Deposit command) {
            return new Deposited(command.accountId(), command.amount());
        }
    }
}
