package io.recq.cdi.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.recq.api.RemoteHandlerException;

/**
 * Carries a handler's failure from the node that handled a message back to the caller: what is sent is the
 * exception's class name, message and RECQ code, never a serialised object; the caller rebuilds the same
 * class with the same message when it can, or a {@link RemoteHandlerException} naming the original class.
 */
public final class RemoteFailures {

    private static final Pattern CODE = Pattern.compile("^(RECQ-\\d{5})\\b");

    private RemoteFailures() {
    }

    /**
     * A failure as it travels.
     *
     * @param className the fully qualified class name of the exception
     * @param message its message (may be {@code null})
     * @param code the RECQ code at the start of the message, or {@code null}
     */
    public record Description(String className, String message, String code) {
    }

    /**
     * @param failure a handler's or the runtime's exception
     * @return what the caller is told
     */
    public static Description describe(Throwable failure) {
        String message = failure.getMessage();
        return new Description(failure.getClass().getName(), message, codeOf(message));
    }

    /**
     * @param message an exception message
     * @return the RECQ code it starts with, or {@code null}
     */
    public static String codeOf(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = CODE.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * Rebuilds a remote failure: an instance of the same class with the same message when {@code loader} can
     * load the class, the class is a {@link Throwable} and has a public {@code (String)} constructor;
     * otherwise a {@link RemoteHandlerException} naming the original class. No other class is ever
     * instantiated, and the named class is not initialised unless it is a {@code Throwable}.
     *
     * @param className the class name the reply carries
     * @param message the message the reply carries
     * @param loader the caller's class loader
     * @return the exception to hand to the caller
     */
    public static Throwable rebuild(String className, String message, ClassLoader loader) {
        if (className == null || className.isBlank()) {
            return new RemoteHandlerException(null, String.valueOf(message));
        }
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (!Throwable.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                return new RemoteHandlerException(className, String.valueOf(message));
            }
            Constructor<?> constructor = type.getConstructor(String.class);
            if (!Modifier.isPublic(type.getModifiers())) {
                return new RemoteHandlerException(className, String.valueOf(message));
            }
            Throwable rebuilt = (Throwable) constructor.newInstance(message);
            return rebuilt;
        } catch (LinkageError | ReflectiveOperationException
                | RuntimeException e) {
            return new RemoteHandlerException(className, String.valueOf(message));
        }
    }
}
