package dev.partnerhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PartnerhubApplication {

	public static void main(String[] args) {
		SpringApplication.run(PartnerhubApplication.class, args);
	}

}
