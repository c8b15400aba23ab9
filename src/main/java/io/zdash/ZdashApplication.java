package io.zdash;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ZdashApplication {

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--rotate-keys")) {
			System.exit(rotateKeys(args));
		}
		SpringApplication.run(ZdashApplication.class, args);
	}

	/**
	 * A one-off command beside running nodes: no port opened, exit when done. The application's own
	 * context, web beans included (sessions, security), so that it starts as a node does; with no web
	 * application at all the sessions' repository would be missing.
	 * @return the exit code
	 */
	static int rotateKeys(String... args) {
		String[] noPort = Arrays.copyOf(args, args.length + 1);
		noPort[args.length] = "--server.port=-1";
		return SpringApplication.exit(new SpringApplicationBuilder(ZdashApplication.class).run(noPort));
	}

}
