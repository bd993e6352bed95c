[description]
Bowline as the jakarta.websocket implementation for ee10 web applications, in place of Jetty's
own ee10-websocket-jakarta (do not enable both for one environment).

[environment]
ee10

[tags]
websocket
bowline

[depend]
ee10-webapp
# Runs Bowline's ServletContainerInitializer, which finds a web application's endpoints.
ee10-annotations

[lib]
# The WebSocket 2.2 API, bowline-container and bowline-servlet-integration, on the ee10 class path.
lib/bowline/*.jar

[xml]
# Puts JettyUpgradedInput in front of the server's handlers (Jetty 12.1's upgraded input workaround).
etc/bowline-ee10.xml
