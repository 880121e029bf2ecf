package dev.orderflow.simulator.faults;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts every party's API behind its fault injector; the admin API itself never fails. */
@Configuration(proxyBeanMethods = false)
class FaultInjectionConfig implements WebMvcConfigurer {

    private final FaultPlan plan;

    FaultInjectionConfig(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        for (Party party : Party.values()) {
            registry.addInterceptor(new FaultInjector(party, plan)).addPathPatterns(party.pathPattern());
        }
    }
}
