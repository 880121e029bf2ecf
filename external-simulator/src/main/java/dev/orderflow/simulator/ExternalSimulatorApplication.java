package dev.orderflow.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ExternalSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExternalSimulatorApplication.class, args);
    }
}
