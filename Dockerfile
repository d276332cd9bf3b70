# The gateway's container image. Build the distribution first, then the image, from the repository's top (this
# directory is the build context because the jar and its lib/ are under deploy/target; .dockerignore sends only them):
#   mvn -B -DskipTests package && docker build -t edge:0.1.0 .
# Kubernetes: deploy/k8s (docs/scale-out.md). Checked without Docker by K8sManifestsTest (user, paths, flags).
FROM eclipse-temurin:17-jre

# A fixed uid/gid, so the volume's ownership (the StatefulSet's fsGroup) and runAsUser match it.
RUN groupadd --system --gid 10001 edge \
 && useradd --system --uid 10001 --gid edge --home-dir /var/lib/edge --no-create-home --shell /usr/sbin/nologin edge \
 && mkdir -p /var/lib/edge /etc/edge \
 && chown edge:edge /var/lib/edge

# edge.jar's manifest names its class path (lib/*.jar beside it) and the Add-Opens/Add-Exports Chronicle Queue needs.
COPY deploy/target/lib/ /opt/edge/lib/
COPY deploy/target/edge.jar /opt/edge/edge.jar

# JNA (Chronicle's native calls) unpacks its library under $XDG_CACHE_HOME, by default the home directory: /tmp is
# writable under Kubernetes' readOnlyRootFilesystem (an emptyDir in deploy/k8s), and holds nothing worth keeping.
# With it, the gateway writes nowhere but storage.dir and /tmp (strace of `edge up`, docs/scale-out.md).
ENV XDG_CACHE_HOME=/tmp/.cache

# The queues (storage.dir /var/lib/edge/queues in deploy/k8s/base/edge.yaml): a volume, one per instance.
VOLUME /var/lib/edge
WORKDIR /var/lib/edge
USER 10001:10001

# SMPP, SMPP over TLS, SIP (UDP and TCP), SIP over TLS, admin HTTP (/health, /metrics, the API)
EXPOSE 2775/tcp 3550/tcp 5060/udp 5060/tcp 5061/tcp 8080/tcp

# What ./edge runs for `up`: Chronicle's analytics off, and no periodic "cleanup" safepoint (docs/OPERATIONS.md,
# JVM options). More JVM options: JAVA_TOOL_OPTIONS (the StatefulSet sets the heap through it).
ENTRYPOINT ["java", "-Dchronicle.analytics.disable=true", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0", "-jar", "/opt/edge/edge.jar"]
CMD ["up", "--config", "/etc/edge/edge.yaml"]
