package io.recq.example.todolist.it;

import io.recq.api.ServiceCommand;

/**
 * A command of the probe service that cannot commit while {@link ProbeSwitch} says commands are broken.
 *
 * @param marker what the test knows it by
 */
public record ProbeCommand(String marker) implements ServiceCommand {
}
