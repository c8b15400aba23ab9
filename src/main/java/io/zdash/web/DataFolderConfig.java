package io.zdash.web;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Runs {@link DataFolder} before any bean (so before the database opens) and once started. */
@Configuration(proxyBeanMethods = false)
class DataFolderConfig {

	@Bean
	static BeanFactoryPostProcessor restrictDataFolderFirst(Environment environment) {
		return beanFactory -> new DataFolder(environment).restrict();
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> restrictDataFolderOnceStarted(Environment environment) {
		return ready -> new DataFolder(environment).restrict();
	}

}
