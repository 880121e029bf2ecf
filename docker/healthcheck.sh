#!/usr/bin/env bash
# Container health check without curl or wget (the JRE image need not have them): one HTTP/1.0 request over
# bash's /dev/tcp to the readiness group, healthy only on "200". Kafka and the database are part of readiness.
set -eu
port="${SERVER_PORT:-${HEALTHCHECK_PORT:?HEALTHCHECK_PORT is set by the image}}"
{ exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2> /dev/null || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 2 status_line <&3
case "$status_line" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) exit 1 ;;
esac
