package io.recq.jms.it.health;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers {@code GET /stock-counter?sku=...} through {@link StockCounter}, so the query leaves a CMT EJB. */
@WebServlet("/stock-counter")
public class StockCounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient StockCounter counter;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(counter.count(request.getParameter("sku")));
    }
}
