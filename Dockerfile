# syntax=docker/dockerfile:1.12
#
# One image recipe for every orderflow service: docker build --build-arg SERVICE=order-service --build-arg PORT=8081 .
# docker-compose.yml passes both for each service. The build runs in a container, so `docker compose up`
# needs nothing installed but Docker; CI runs the tests, so the image build skips them.

ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-21
ARG RUNTIME_IMAGE=eclipse-temurin:21.0.8_9-jre

FROM ${BUILD_IMAGE} AS build
ARG SERVICE
WORKDIR /workspace
COPY . .
# The Maven repository is a BuildKit cache shared by all five service builds, so dependencies download once.
# A module that keeps its plain jar as main artifact has the executable one beside it as *-exec.jar.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    test -n "${SERVICE}" && test -f "${SERVICE}/pom.xml" \
    && mvn -B -ntp -q -pl "${SERVICE}" -am package -Dmaven.test.skip=true \
    && jar="$(ls "${SERVICE}/target/${SERVICE}"-*-exec.jar 2> /dev/null || ls "${SERVICE}/target/${SERVICE}"-*.jar)" \
    && cp "${jar}" /workspace/app.jar \
    && java -Djarmode=tools -jar /workspace/app.jar extract --layers --launcher --destination /workspace/layers

FROM ${RUNTIME_IMAGE}
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="orderflow ${SERVICE}"
RUN groupadd --system --gid 10001 orderflow \
    && useradd --system --uid 10001 --gid orderflow --home-dir /opt/app --shell /usr/sbin/nologin orderflow
WORKDIR /opt/app
# Least-changing layers first: a code change rebuilds and ships only the last layer.
COPY --from=build /workspace/layers/dependencies/ ./
COPY --from=build /workspace/layers/spring-boot-loader/ ./
COPY --from=build /workspace/layers/snapshot-dependencies/ ./
COPY --from=build /workspace/layers/application/ ./
COPY --chmod=0755 docker/healthcheck.sh /opt/app/healthcheck.sh
# Numeric user, so Kubernetes can verify runAsNonRoot without looking into /etc/passwd.
USER 10001:10001
ENV HEALTHCHECK_PORT=${PORT}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 CMD ["/opt/app/healthcheck.sh"]
# Heap follows the container's memory limit; an OutOfMemoryError ends the process so the orchestrator restarts it
# instead of leaving a half-working JVM. JDK_JAVA_OPTIONS (read by the java launcher) adds or overrides flags.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
            "org.springframework.boot.loader.launch.JarLauncher"]
