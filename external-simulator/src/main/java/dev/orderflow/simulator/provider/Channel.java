package dev.orderflow.simulator.provider;

/** How a message reaches its recipient. */
public enum Channel { EMAIL, SMS }
