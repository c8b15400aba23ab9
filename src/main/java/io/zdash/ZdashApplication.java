package io.zdash;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ZdashApplication {

	public static void main(String[] args) {
		SpringApplication.run(ZdashApplication.class, args);
	}

}
