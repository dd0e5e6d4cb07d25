package io.recq.console;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The console's REST API, under {@code api/}.
 */
@ApplicationPath("api")
@DeclareRoles({ConsoleApplication.OPERATOR, ConsoleApplication.ADMIN})
public class ConsoleApplication extends Application {

    /** Sees the system. */
    public static final String OPERATOR = "recq-operator";
    /** Sees the system and operates it. */
    public static final String ADMIN = "recq-admin";
}
