package org.bowline.benchmarks.servers;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;

import org.bowline.benchmarks.endpoints.Endpoints;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/** Undertow 2.3 with undertow-websockets-jsr, as its documentation sets it up. */
public final class UndertowServer implements BenchServer {

    private Undertow server;
    private XnioWorker worker;
    private DeploymentManager deployment;

    @Override
    public void start(String host, int port) throws Exception {
        worker = Xnio.getInstance().createWorker(OptionMap.EMPTY);
        WebSocketDeploymentInfo webSockets = new WebSocketDeploymentInfo()
                .setBuffers(new DefaultByteBufferPool(true, 16 * 1024))
                .setWorker(worker)
                // The endpoints send with the blocking remote (push); on Undertow's I/O thread (its
                // default) a blocking send that fills the socket waits for that very thread and stalls.
                .setDispatchToWorkerThread(true);
        for (Class<?> endpoint : Endpoints.ALL) {
            webSockets.addEndpoint(endpoint);
        }
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(UndertowServer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("benchmarks")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, webSockets);
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        server = Undertow.builder().addHttpListener(port, host).setHandler(deployment.start()).build();
        server.start();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
        deployment.stop();
        deployment.undeploy();
        worker.shutdown();
    }
}
