package io.recq.cdi.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventHandler;
import io.recq.api.Projection;
import io.recq.api.Projector;
import io.recq.api.Query;
import io.recq.api.QueryHandler;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.ErrorCode;

class SeveralProblemsTest {

    @Test
    void listsEveryProblemOfTheDeploymentInOneException() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(NoInitAggregate.class, StringProjector.class,
                PrivateService.class, FirstProjection.class, SecondProjection.class);

        // then
        assertThat(deployment.problems()).extracting(DeploymentProblem::code).containsExactlyInAnyOrder(
                ErrorCode.UNSUPPORTED_PARAMETER, ErrorCode.AGGREGATE_WITHOUT_INIT, ErrorCode.INACCESSIBLE_HANDLER,
                ErrorCode.DUPLICATE_QUERY_HANDLER);
        deployment.mentions("RECQ found 4 problems in the deployment:\n")
                .mentions("\n  RECQ-00002 " + StringProjector.class.getName() + "#on(Renamed, String): ")
                .mentions("\n  RECQ-00005 " + SecondProjection.class.getName() + "#handle(Count): ")
                .mentions("\n  RECQ-00006 " + NoInitAggregate.class.getName() + ": ")
                .mentions("\n  RECQ-00008 " + PrivateService.class.getName() + "#handle(Ping): ");
        assertThat(deployment.exception().getMessage().lines().filter(l -> l.startsWith("  RECQ-"))).hasSize(4);
    }

    public record Rename(String id) implements DomainCommand {
        @Override
        public String aggregateId() {
            return id;
        }
    }

    public record Renamed(String id) implements DomainEvent {
    }

    public record Ping(String id) implements ServiceCommand {
    }

    public record Count(String id) implements Query<Integer> {
    }

    @Aggregate
    static class NoInitAggregate {
        @AggregateCommandHandler
        Renamed handle(Rename command) {
            return new Renamed(command.id());
        }
    }

    @Projector
    static class StringProjector {
        @EventHandler
        void on(Renamed event, String unknown) {
        }
    }

    @Service
    static class PrivateService {
        @CommandHandler
        private void handle(Ping command) {
        }
    }

    @Projection
    static class FirstProjection {
        @QueryHandler
        Integer handle(Count query) {
            return 1;
        }
    }

    @Projection
    static class SecondProjection {
        @QueryHandler
        Integer handle(Count query) {
            return 2;
        }
    }
}
