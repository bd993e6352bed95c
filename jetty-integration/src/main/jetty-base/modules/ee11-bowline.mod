[description]
Bowline as the jakarta.websocket implementation for ee11 web applications, in place of Jetty's
own ee11-websocket-jakarta (do not enable both for one environment).

[environment]
ee11

[tags]
websocket
bowline

[depend]
ee11-webapp
# Runs Bowline's ServletContainerInitializer, which finds a web application's endpoints.
ee11-annotations

[lib]
# The WebSocket 2.2 API, bowline-container and bowline-servlet-integration, on the ee11 class path.
lib/bowline/*.jar

[xml]
# Puts JettyUpgradedInput in front of the server's handlers (Jetty 12.1's upgraded input workaround).
etc/bowline-ee11.xml
