package io.recq.cdi.runtime;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Starts the runtime when a web module of the application starts, if the application's {@code @Initialized}
 * event came too early to start it (see {@link RecqRuntime#startIfDeferred}): on Payara that event comes while the
 * application is loaded, before its naming is complete; the web module's start is the first moment every resource
 * of the application can be had. Listed in {@code META-INF/services}, so that the servlet container applies it to
 * every web module that sees the RECQ jars (in {@code WEB-INF/lib} or in {@code EAR/lib}).
 */
public class WebModuleStart implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(WebModuleStart.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        RecqRuntime runtime;
        try {
            runtime = CDI.current().select(RecqRuntime.class).get();
        } catch (RuntimeException e) {
            // a web module without CDI, or one that does not see the RECQ beans: nothing to start
            LOG.log(Level.FINE, e, () -> "RECQ does not start with the web module " + context.getContextPath());
            return;
        }
        runtime.startIfDeferred();
    }
}
