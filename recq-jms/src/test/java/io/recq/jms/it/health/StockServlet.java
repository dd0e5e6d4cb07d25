package io.recq.jms.it.health;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.recq.api.QueryGateway;

/** The web module's entry point: answers {@code GET /stock?sku=...} with a query. */
@WebServlet("/stock")
public class StockServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient QueryGateway queries;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(queries.queryAndWait(new CountStock(request.getParameter("sku"))));
    }
}
