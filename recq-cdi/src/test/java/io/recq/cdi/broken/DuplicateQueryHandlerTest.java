package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.Multiple;
import io.recq.api.Projection;
import io.recq.api.Query;
import io.recq.api.QueryHandler;
import io.recq.cdi.model.ErrorCode;

class DuplicateQueryHandlerTest {

    @Test
    void rejectsTwoComponentsHandlingTheSameQuery() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(FirstProjection.class, SecondProjection.class);

        // then
        deployment.failsWithOnly(ErrorCode.DUPLICATE_QUERY_HANDLER,
                SecondProjection.class.getName() + "#handle(ListNames)")
                .mentions(FirstProjection.class.getName() + "#handle(ListNames)");
    }

    public record ListNames(String prefix) implements Query<Multiple<String>> {
    }

    @Projection
    static class FirstProjection {
        @QueryHandler
        Multiple<String> handle(ListNames query) {
            return Multiple.empty();
        }
    }

    @Projection
    static class SecondProjection {
        @QueryHandler
        Multiple<String> handle(ListNames query) {
            return Multiple.empty();
        }
    }
}
