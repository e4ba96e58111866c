package org.gmsaportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of gMSA Portal: one Spring Boot application, packaged by feature.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GmsaPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(GmsaPortalApplication.class, args);
	}

}
