package org.bowline.tck.it.annotated;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;

/** Names the class of the application's ServerContainer (spec 6.4: a servlet context attribute). */
@WebServlet("/provider")
public class ProviderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object container = getServletContext().getAttribute(ServerContainer.class.getName());
        resp.getWriter().print(container == null ? "none" : container.getClass().getName());
    }
}
