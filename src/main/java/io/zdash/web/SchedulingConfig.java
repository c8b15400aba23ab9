package io.zdash.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on scheduled jobs, such as pruning the security log. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {

}
