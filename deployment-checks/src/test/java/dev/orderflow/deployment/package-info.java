/** Offline checks of the ways orderflow is deployed (Dockerfile, docker-compose.yml, k8s/) against the services' own configuration. */
package dev.orderflow.deployment;
