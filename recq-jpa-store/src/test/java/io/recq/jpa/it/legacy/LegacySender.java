package io.recq.jpa.it.legacy;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.RecqException;

/**
 * A service of {@code ServicesIT} built against another version of the accounts' payloads: its
 * {@link OpenWallet} has a property the domain service's class does not have. {@code GET ?account=...} sends
 * one and prints what came back.
 */
@WebServlet("/open")
public class LegacySender extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The accounts' command as this service knows it: with a currency. */
    public record OpenWallet(String aggregateId, String owner, String currency) implements DomainCommand {
    }

    @Inject
    transient CommandGateway commandGateway;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            Object result = commandGateway.sendAndWait(new OpenWallet(request.getParameter("account"), "legacy",
                    "EUR"));
            response.getWriter().print("ok " + result);
        } catch (RecqException e) {
            response.getWriter().print("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
