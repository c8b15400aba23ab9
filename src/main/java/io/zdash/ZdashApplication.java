package io.zdash;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ZdashApplication {

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--rotate-keys")) {
			// A one-off command beside running nodes: no web server, exit when done.
			System.exit(SpringApplication.exit(
					new SpringApplicationBuilder(ZdashApplication.class).web(WebApplicationType.NONE).run(args)));
		}
		SpringApplication.run(ZdashApplication.class, args);
	}

}
