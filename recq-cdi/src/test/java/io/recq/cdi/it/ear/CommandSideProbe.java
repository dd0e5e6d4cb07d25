package io.recq.cdi.it.ear;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.cdi.model.RecqModel;

/** An EJB of the EJB module that uses what recq-cdi in EAR/lib provides. */
@Stateless
public class CommandSideProbe {

    @Inject
    RecqModel model;

    @Inject
    CommandGateway commands;

    public RecqModel model() {
        return model;
    }

    /**
     * @return what sending the command threw
     */
    public RuntimeException send(Command command) {
        try {
            commands.sendAndWait(command);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
