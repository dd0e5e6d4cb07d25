package io.recq.api;

/**
 * A handler failed with an exception whose class the caller cannot load (or cannot rebuild from a
 * message). It names the original class and carries its message.
 */
public class RemoteHandlerException extends RecqException {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param message the message, which names the remote class and carries its message
     */
    public RemoteHandlerException(String message) {
        this(null, message);
    }

    /**
     * @param remoteClassName the fully qualified class name of the handler's exception
     * @param message the message of the handler's exception
     */
    public RemoteHandlerException(String remoteClassName, String message) {
        super(remoteClassName == null ? message : remoteClassName + ": " + message);
        this.remoteClassName = remoteClassName;
    }

    /**
     * @return the fully qualified class name of the handler's exception, if known
     */
    public String remoteClassName() {
        return remoteClassName;
    }
}
