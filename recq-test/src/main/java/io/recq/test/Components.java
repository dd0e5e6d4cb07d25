package io.recq.test;

import java.util.ArrayList;
import java.util.List;

import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.RecqModel;

/**
 * Inspects the classes a fixture is given with the deployment's own introspection, and fails fast with the
 * deployment's problems.
 */
final class Components {

    private Components() {
    }

    /**
     * @param type the class under test
     * @param expected the kind the fixture tests
     * @param fixture the fixture's name, for messages
     * @return the component model
     * @throws InvalidComponentException listing every problem the deployment would report
     */
    static ComponentModel inspect(Class<?> type, ComponentKind expected, String fixture) {
        if (type == null) {
            throw new IllegalArgumentException(fixture + " needs a component class");
        }
        ComponentIntrospector.Introspection introspection = new ComponentIntrospector().inspect(type);
        if (!introspection.problems().isEmpty()) {
            throw new InvalidComponentException(type, introspection.problems());
        }
        ComponentModel component = introspection.component();
        if (component == null) {
            throw new InvalidComponentException(type.getName() + " is not a RECQ component. Fix: annotate it with @"
                    + expected.displayName() + " to test it with " + fixture);
        }
        if (component.kind() != expected) {
            throw new InvalidComponentException(type.getName() + " is an @" + component.kind().displayName()
                    + ", but " + fixture + " tests an @" + expected.displayName() + ". Fix: use "
                    + fixtureFor(component.kind()));
        }
        return component;
    }

    /**
     * Combines components the way the deployment does, checking the rules that span them.
     *
     * @param components valid components
     * @return the model
     * @throws InvalidComponentException listing every problem the deployment would report
     */
    static RecqModel model(List<ComponentModel> components) {
        RecqModel.Builder builder = RecqModel.builder();
        components.forEach(builder::add);
        List<DeploymentProblem> problems = new ArrayList<>(builder.validate());
        if (!problems.isEmpty()) {
            throw new InvalidComponentException(components.get(0).componentClass(), problems);
        }
        return builder.build();
    }

    private static String fixtureFor(ComponentKind kind) {
        return switch (kind) {
            case AGGREGATE -> "AggregateFixture";
            case SAGA -> "SagaFixture";
            case PROJECTOR -> "ProjectorFixture";
            case PROJECTION -> "ProjectorFixture.of(YourProjector.class).withProjection(...)";
            default -> "a container test: the test kit has no fixture for an @" + kind.displayName();
        };
    }
}
